package knowledge

import "testing"

func TestParseLang(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		want   Lang
		wantOK bool
	}{
		{name: "english", in: "en", want: English, wantOK: true},
		{name: "french", in: "fr", want: French, wantOK: true},
		{name: "slack locale with dash", in: "fr-FR", want: French, wantOK: true},
		{name: "posix locale with underscore", in: "en_US", want: English, wantOK: true},
		{name: "upper case", in: "FR", want: French, wantOK: true},
		{name: "unsupported language", in: "de-DE", want: "", wantOK: false},
		{name: "empty", in: "", want: "", wantOK: false},
		{name: "too short", in: "f", want: "", wantOK: false},
		{name: "longer word", in: "french", want: "", wantOK: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := ParseLang(tt.in)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("ParseLang(%q) = %q, %v, want %q, %v", tt.in, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}
