package accounts

import (
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestLoginLimiter(t *testing.T) {
	l := NewLoginLimiter(10, 3) // one attempt back every 6 s, three at once
	const a, b = "192.0.2.7", "2001:db8::1"
	s := time.Second
	for i, step := range []struct {
		key   string
		at    time.Duration
		ok    bool
		retry time.Duration
	}{
		{a, 0, true, 0},
		{a, 0, true, 0},
		{a, 0, true, 0},
		{a, 0, false, 6 * s}, // the burst is spent
		{a, 5 * s, false, s},
		{b, 5 * s, true, 0}, // another address has its own bucket
		{a, 6 * s, true, 0},
		{a, 6 * s, false, 6 * s},
		{a, 9 * s, false, 3 * s}, // refused attempts cost nothing
		{a, 12 * s, true, 0},
		{a, 60 * s, true, 0}, // a quiet minute refills the bucket, but no more than the burst
		{a, 60 * s, true, 0},
		{a, 60 * s, true, 0},
		{a, 60 * s, false, 6 * s},
	} {
		ok, retry := l.Allow(step.key, t0.Add(step.at))
		if ok != step.ok || retry != step.retry {
			t.Errorf("step %d (%s at +%s): %v, retry after %s; want %v, %s", i, step.key, step.at, ok, retry, step.ok, step.retry)
		}
	}
}

func TestLoginLimiterForgetsIdleAddresses(t *testing.T) {
	l := NewLoginLimiter(60, 2) // one a second, two at once
	for i := range sweepAbove {
		l.Allow("10.0."+strconv.Itoa(i), t0) // full again at t0+1s
	}
	l.Allow("192.0.2.7", t0)
	l.Allow("192.0.2.7", t0) // full again at t0+2s
	if len(l.tat) != sweepAbove+1 {
		t.Fatalf("%d keys before the sweep", len(l.tat))
	}
	l.Allow("192.0.2.8", t0.Add(time.Second))
	if len(l.tat) != 2 {
		t.Fatalf("%d keys after the sweep; want the two whose bucket is not full", len(l.tat))
	}
	// Remembered: 1.2 attempts left, not a fresh bucket of 2.
	if ok, _ := l.Allow("192.0.2.7", t0.Add(1200*time.Millisecond)); !ok {
		t.Error("first attempt refused")
	}
	if ok, _ := l.Allow("192.0.2.7", t0.Add(1200*time.Millisecond)); ok {
		t.Error("the sweep forgot an address whose bucket was not full")
	}
}

func TestLoginLimiterConcurrent(t *testing.T) {
	l := NewLoginLimiter(10, 5)
	var allowed atomic.Int32
	var wg sync.WaitGroup
	for range 50 {
		wg.Go(func() {
			if ok, _ := l.Allow("192.0.2.7", t0); ok {
				allowed.Add(1)
			}
		})
	}
	wg.Wait()
	if allowed.Load() != 5 {
		t.Errorf("%d of 50 simultaneous attempts allowed, want the burst of 5", allowed.Load())
	}
}
