package main

import (
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/alicebob/miniredis/v2/server"
	"github.com/redis/go-redis/v9"

	"github.com/ctoadvisor/ctoadvisor/bot/fakeslack"
	"github.com/ctoadvisor/ctoadvisor/dialog"
	"github.com/ctoadvisor/ctoadvisor/dialog/redisstore"
	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

// TestCrash runs the real binary as a child process against a fake Slack
// and a Redis that both outlive it, and kills it.
func TestCrash(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "ctoadvisor")
	build := exec.Command("go", "build", "-o", bin, ".") // go test puts GOROOT/bin on PATH
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	t.Run("resume after kill -9 at each step", func(t *testing.T) { testResumeAfterKill(t, bin) })
	t.Run("reply acknowledged but not handled", func(t *testing.T) { testLostReply(t, bin) })
	t.Run("SIGTERM during load", func(t *testing.T) { testSIGTERMDuringLoad(t, bin) })
}

// crashRig is a fake Slack, a Redis and the bot's environment.
type crashRig struct {
	bin   string
	fake  *fakeslack.Server
	mr    *miniredis.Miniredis
	store dialog.Store
	env   env
}

func newCrashRig(t *testing.T, bin string) *crashRig {
	t.Helper()
	fake := fakeslack.New()
	t.Cleanup(fake.Close)
	// The shutdown tests start tens of dialogs in one channel within a
	// second; under Slack's 1 post per second per channel the drain would
	// wait on Retry-After instead of on the handlers it is about.
	fake.SetRateLimits(false)
	fake.AddUser(fakeslack.User{ID: "U0ALICE", Name: "alice", Locale: "en-US"})
	fake.AddChannel(fakeslack.Channel{ID: "C0GENERAL", Name: "general", BotIsMember: true, Members: []string{"U0ALICE"}})
	// A miniredis in this process, so it survives the bot, and so a test
	// can stall one command.
	mr := miniredis.RunT(t)
	e := serveEnv(t, fake)
	e["REDIS_URL"] = "redis://" + mr.Addr()
	e["HTTP_ADDR"] = "off"
	e["SLACK_PACING"] = "off" // the fake's limits are off: nothing to pace for
	rdb := redis.NewClient(&redis.Options{Addr: mr.Addr()})
	t.Cleanup(func() { rdb.Close() })
	// The default prefix: the one serve uses.
	return &crashRig{bin: bin, fake: fake, mr: mr, store: redisstore.New(rdb, redisstore.Options{}), env: e}
}

// proc is one run of the binary.
type proc struct {
	cmd    *exec.Cmd
	stderr *lockedBuffer
	done   chan struct{}
	err    error // set before done closes
}

// start runs "ctoadvisor serve" and waits for its socket.
func (r *crashRig) start(t *testing.T) *proc {
	t.Helper()
	p := &proc{stderr: &lockedBuffer{}, done: make(chan struct{})}
	p.cmd = exec.Command(r.bin, "serve")
	p.cmd.Dir = t.TempDir() // no stray .env
	for k, v := range r.env {
		p.cmd.Env = append(p.cmd.Env, k+"="+v)
	}
	p.cmd.Stderr = p.stderr
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.err = p.cmd.Wait(); close(p.done) }()
	t.Cleanup(func() {
		_ = p.cmd.Process.Kill()
		<-p.done
		if t.Failed() {
			t.Logf("bot log (pid %d):\n%s", p.cmd.Process.Pid, p.stderr.String())
		}
	})
	r.wait(t, "the bot's socket", func() bool { return r.fake.Connections() == 1 })
	return p
}

// kill9 kills the bot at once, as the OOM killer or a node failure would.
func (r *crashRig) kill9(t *testing.T, p *proc) {
	t.Helper()
	if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-p.done
	r.wait(t, "the socket closed", func() bool { return r.fake.Connections() == 0 })
}

func (r *crashRig) wait(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// replies waits until the thread under root holds n replies.
func (r *crashRig) replies(t *testing.T, root string, n int) []fakeslack.Post {
	t.Helper()
	var got []fakeslack.Post
	r.wait(t, fmt.Sprintf("%d replies in thread %s", n, root), func() bool {
		got = got[:0]
		for _, p := range r.fake.Messages("C0GENERAL") {
			if p.ThreadTS == root && p.TS != root {
				got = append(got, p)
			}
		}
		return len(got) >= n
	})
	return got
}

func (r *crashRig) session(t *testing.T, root string) dialog.Session {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), time.Second)
	defer cancel()
	s, err := r.store.Get(ctx, dialog.Key{Team: fakeslack.TeamID, Channel: "C0GENERAL", Thread: root})
	if err != nil {
		t.Fatalf("session %s: %v", root, err)
	}
	return s
}

// settled waits until the step that posted question msg is complete: the
// session knows where its question is.
func (r *crashRig) settled(t *testing.T, root, msg string) {
	t.Helper()
	r.wait(t, "the question remembered", func() bool { return r.session(t, root).QuestionMsg == msg })
}

// begin runs /cto-advice and returns the thread's root.
func (r *crashRig) begin(t *testing.T) string {
	t.Helper()
	id := r.fake.SendSlashCommand(fakeslack.SlashCommand{User: "U0ALICE", Channel: "C0GENERAL"})
	if _, err := r.fake.WaitAck(t.Context(), id); err != nil {
		t.Fatal(err)
	}
	r.wait(t, "the thread", func() bool { return len(r.fake.Messages("C0GENERAL")) >= 1 })
	root := r.fake.Messages("C0GENERAL")[0].TS
	q1 := r.replies(t, root, 1)[0]
	r.settled(t, root, q1.TS)
	return root
}

// askBlock is the block_id of a question's buttons.
func askBlock(p fakeslack.Post) string {
	_, after, _ := strings.Cut(string(p.Blocks), `"block_id":"ask:`)
	n, _, _ := strings.Cut(after, `"`)
	return "ask:" + n
}

func testResumeAfterKill(t *testing.T, bin string) {
	r := newCrashRig(t, bin)
	p := r.start(t)
	root := r.begin(t)
	for i, q := range knowledge.Questions {
		r.kill9(t, p)
		p = r.start(t)
		question := r.replies(t, root, i+1)[i]
		first := q.Options[0]
		if i%2 == 0 {
			r.fake.SendBlockAction(fakeslack.BlockAction{
				User: "U0ALICE", Channel: "C0GENERAL", MessageTS: question.TS,
				ActionID: "answer_" + string(first), BlockID: askBlock(question), Value: string(q.ID) + ":" + string(first),
			})
		} else {
			r.fake.SendMessage(fakeslack.Message{User: "U0ALICE", Channel: "C0GENERAL", ThreadTS: root, Text: "1"})
		}
		next := r.replies(t, root, i+2)[i+1]
		if i+1 < len(knowledge.Questions) {
			want := `"value":"` + string(knowledge.Questions[i+1].ID) + ":"
			if !strings.Contains(string(next.Blocks), want) {
				t.Fatalf("after a restart, answering %s posted something other than the next question:\n%s", q.ID, next.Blocks)
			}
			r.settled(t, root, next.TS)
		}
	}
	replies := r.replies(t, root, len(knowledge.Questions)+1)
	card := replies[len(knowledge.Questions)]
	if !strings.Contains(string(card.Blocks), `"open_case_study"`) {
		t.Errorf("the dialog did not end with a card:\n%s", card.Blocks)
	}
	s := r.session(t, root)
	if s.State != dialog.Done || len(s.Answers) != len(knowledge.Questions) {
		t.Errorf("session after five kills: state %s, %d answers; want done, %d", s.State, len(s.Answers), len(knowledge.Questions))
	}
	if len(replies) != len(knowledge.Questions)+1 {
		t.Errorf("thread has %d replies, want %d: a restart posted something twice", len(replies), len(knowledge.Questions)+1)
	}
}

// testLostReply shows the decision RELIABILITY.md documents: the bot acks
// an event before handling it, so a typed reply acked when the process
// dies is lost; the user types it again and the dialog goes on from the
// right question.
func testLostReply(t *testing.T, bin string) {
	r := newCrashRig(t, bin)
	p := r.start(t)
	root := r.begin(t)

	// Hold the reply's claim, the handler's first Redis command, so the
	// process dies between the ack and any effect.
	entered, release := make(chan struct{}), make(chan struct{})
	var once, enter sync.Once
	t.Cleanup(func() { once.Do(func() { close(release) }) }) // before miniredis closes
	r.mr.Server().SetPreHook(func(_ *server.Peer, cmd string, args ...string) bool {
		if cmd != "SET" || len(args) == 0 || !strings.Contains(args[0], ":claim:msg:") {
			return false
		}
		enter.Do(func() { close(entered) })
		<-release
		return true // the bot is dead: nothing reached Redis, nothing to answer
	})
	id := r.fake.SendMessage(fakeslack.Message{User: "U0ALICE", Channel: "C0GENERAL", ThreadTS: root, Text: "2"})
	if _, err := r.fake.WaitAck(t.Context(), id); err != nil {
		t.Fatal(err)
	}
	select {
	case <-entered:
	case <-time.After(5 * time.Second):
		t.Fatal("the reply never reached its claim")
	}
	r.kill9(t, p)
	r.mr.Server().SetPreHook(nil)
	once.Do(func() { close(release) })

	r.start(t)
	if s := r.session(t, root); len(s.Answers) != 0 || s.Current != knowledge.Stage {
		t.Fatalf("the acked reply took effect after all: %+v", s)
	}
	if n := len(r.replies(t, root, 1)); n != 1 {
		t.Fatalf("thread has %d replies after the lost reply, want 1", n)
	}
	// The user sees no second question and types the answer again.
	r.fake.SendMessage(fakeslack.Message{User: "U0ALICE", Channel: "C0GENERAL", ThreadTS: root, Text: "2"})
	q2 := r.replies(t, root, 2)[1]
	if !strings.Contains(string(q2.Blocks), `"value":"tech_lead:`) {
		t.Errorf("the retyped answer did not lead to the second question:\n%s", q2.Blocks)
	}
	r.wait(t, "the retyped answer stored", func() bool {
		return r.session(t, root).Answers[knowledge.Stage] == knowledge.Scaleup
	})
}

func testSIGTERMDuringLoad(t *testing.T, bin string) {
	const load = 20
	r := newCrashRig(t, bin)
	p := r.start(t)
	// Every handler first asks users.info for the locale; a 429 with
	// Retry-After keeps each one in flight for a second.
	r.fake.RateLimitNext("users.info", time.Second, load)
	ids := make([]string, load)
	for i := range ids {
		// One user each: one user's commands run one after another, and
		// past a few the bot asks her for a moment instead.
		ids[i] = r.fake.SendSlashCommand(fakeslack.SlashCommand{User: fmt.Sprintf("U0LOAD%02d", i), Channel: "C0GENERAL"})
	}
	for _, id := range ids {
		if _, err := r.fake.WaitAck(t.Context(), id); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(r.fake.Messages("C0GENERAL")); n == 2*load {
		t.Fatalf("all %d commands were handled before SIGTERM: no load in flight", load)
	}

	sent := time.Now()
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case <-p.done:
	case <-time.After(12 * time.Second):
		t.Fatal("the bot did not exit within 12 s of SIGTERM")
	}
	took := time.Since(sent)
	if p.err != nil {
		t.Errorf("the bot exited with %v after SIGTERM, want status 0", p.err)
	}
	if took > 10*time.Second {
		t.Errorf("the bot took %v to exit after SIGTERM, want at most 10 s", took)
	}
	// Every acked command was finished: a thread and its first question.
	if n := len(r.fake.Messages("C0GENERAL")); n != 2*load {
		t.Errorf("after SIGTERM the channel has %d messages, want %d (every acked command finished)", n, 2*load)
	}
	if strings.Contains(p.stderr.String(), "handlers still running") {
		t.Errorf("shutdown abandoned handlers:\n%s", p.stderr.String())
	}
}
