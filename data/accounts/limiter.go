package accounts

import (
	"sync"
	"time"
)

// Default login rate per client address: a person who mistypes a few times never meets it, a
// script guessing passwords gets ten tries a minute.
const (
	LoginAttemptsPerMinute = 10
	LoginBurst             = 10
)

// LoginLimiter limits login attempts per key (the client address) in memory, as a token bucket
// kept in the "generic cell rate" form: one theoretical arrival time per key, so there is no
// timer and no goroutine, and the caller's clock is the only clock. It complements the account
// lock: the lock stops many addresses guessing one account, the limiter one address guessing
// many accounts. State lives in the process, so a restart forgets it, which costs an attacker
// a restart of the server, not something it can cause.
type LoginLimiter struct {
	interval time.Duration // one attempt earned back every interval
	burst    int

	mu        sync.Mutex
	tat       map[string]time.Time // when the key's bucket is full again
	lastSweep time.Time
}

// sweepAbove is how many keys the limiter holds before it drops the ones whose bucket is full
// again (they carry no information); sweeps are at most once per interval, so a flood of new
// addresses costs one pass over the map per interval, not one per attempt.
const sweepAbove = 10_000

// NewLoginLimiter allows burst attempts at once per key, then perMinute a minute.
func NewLoginLimiter(perMinute, burst int) *LoginLimiter {
	return &LoginLimiter{
		interval: time.Minute / time.Duration(max(perMinute, 1)),
		burst:    max(burst, 1),
		tat:      map[string]time.Time{},
	}
}

// Allow takes one attempt for key at now. When none is left it returns false and how long
// until the next one (for a Retry-After header).
func (l *LoginLimiter) Allow(key string, now time.Time) (ok bool, retryAfter time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.sweep(now)
	tat := l.tat[key]
	if tat.Before(now) {
		tat = now
	}
	next := tat.Add(l.interval)
	// The bucket holds burst attempts: next may run at most burst intervals ahead of now.
	if over := next.Sub(now) - time.Duration(l.burst)*l.interval; over > 0 {
		return false, over
	}
	l.tat[key] = next
	return true, 0
}

func (l *LoginLimiter) sweep(now time.Time) {
	if len(l.tat) < sweepAbove || now.Sub(l.lastSweep) < l.interval {
		return
	}
	l.lastSweep = now
	for key, tat := range l.tat {
		if !tat.After(now) {
			delete(l.tat, key)
		}
	}
}
