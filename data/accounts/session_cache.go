package accounts

import (
	"sync"
	"time"
)

// maxCachedSessions bounds the sessions kept in memory. A ministry has a few hundred users
// logged in at once; past the bound an arbitrary session is dropped and its next request reads
// it from the database again, which costs time and never correctness.
const maxCachedSessions = 10_000

// sessionCache keeps the sessions that requests looked up recently, by token hash, with their
// user and scope, so that a page served from the response cache costs no database query.
//
// The cache never makes a session live longer: every request checks the cached copy's expiry
// exactly as a database row's, every way of ending a session through Sessions, or through the
// Users that NewAccounts wires to it, drops the cached copy before it returns, and the
// last_seen write (at most once per touchEvery) finds a session deleted by anyone else.
type sessionCache struct {
	mu      sync.Mutex
	max     int
	entries map[string]Session
	// generation counts the sessions dropped. A lookup that read the database before a drop
	// must not put back what the drop removed: it caches only if the generation is unchanged.
	generation uint64
}

func newSessionCache(maxEntries int) *sessionCache {
	return &sessionCache{max: maxEntries, entries: map[string]Session{}}
}

// get returns the cached session of a token hash.
func (c *sessionCache) get(hash string) (Session, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	sess, ok := c.entries[hash]
	return sess, ok
}

// now is the generation to hand back to put after reading the database.
func (c *sessionCache) now() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.generation
}

// put caches sess unless a session was dropped since generation was read.
func (c *sessionCache) put(hash string, sess Session, generation uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if generation != c.generation {
		return
	}
	if _, ok := c.entries[hash]; !ok && len(c.entries) >= c.max {
		for victim := range c.entries {
			delete(c.entries, victim)
			break
		}
	}
	c.entries[hash] = sess
}

// claimTouch says whether the caller should write last_seen = now for this session, and if so
// records it in the cache first, so that of many concurrent requests only one writes.
func (c *sessionCache) claimTouch(hash string, now time.Time) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	sess, ok := c.entries[hash]
	if !ok || now.Sub(sess.LastSeen) < touchEvery {
		return false
	}
	sess.LastSeen = now
	c.entries[hash] = sess
	return true
}

// drop forgets the session of a token hash.
func (c *sessionCache) drop(hash string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.entries, hash)
	c.generation++
}

// dropUser forgets every session of a user.
func (c *sessionCache) dropUser(userID int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for hash, sess := range c.entries {
		if sess.User.ID == userID {
			delete(c.entries, hash)
		}
	}
	c.generation++
}

// dropExpired forgets the sessions that expired by now, as DeleteExpired removes their rows.
func (c *sessionCache) dropExpired(now time.Time, idle time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for hash, sess := range c.entries {
		if !now.Before(sess.ExpiresAt) || !now.Before(sess.LastSeen.Add(idle)) {
			delete(c.entries, hash)
		}
	}
	c.generation++
}

func (c *sessionCache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries)
}
