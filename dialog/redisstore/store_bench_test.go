package redisstore_test

import (
	"strconv"
	"testing"
	"time"
)

// BenchmarkClaim is the dedup claim every click and command makes first:
// each iteration claims a new delivery ID, as real traffic does.
func BenchmarkClaim(b *testing.B) {
	st := benchStore(b)
	prefix := "bench:" + strconv.FormatInt(time.Now().UnixNano(), 10) + ":"
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		ok, err := st.Claim(b.Context(), prefix+strconv.Itoa(i), time.Minute)
		if err != nil || !ok {
			b.Fatalf("Claim(%d) = %v, %v; want true, nil", i, ok, err)
		}
	}
}

// BenchmarkCreate stores a new session, as every /cto-advice does.
func BenchmarkCreate(b *testing.B) {
	st := benchStore(b)
	s := full()
	b.ReportAllocs()
	for b.Loop() {
		if err := st.Create(b.Context(), &s); err != nil {
			b.Fatalf("Create(%s) = %v", s.Key, err)
		}
	}
}
