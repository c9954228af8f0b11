package dashboard

import (
	"bytes"
	"container/list"
	"html/template"
	"strconv"
	"strings"
	"sync"

	"github.com/gofiber/fiber/v2"

	"github.com/timbang/timbang/data/accounts"
)

// DefaultCacheBytes bounds the response cache when Config.CacheBytes is 0.
const DefaultCacheBytes = 64 << 20

// The session's own bits of a page (its CSRF token, the user's name) are rendered as these
// placeholders into a cached page and put back per request, so one cached page serves every
// session of the same role and scope without showing one user's token to another. Both are
// plain letters, which html/template writes as they are in any context.
const (
	csrfPlaceholder  = "TimbangCachedCSRFToken9f3c1a"
	labelPlaceholder = "TimbangCachedUserLabel9f3c1a"
)

// responseCache keeps rendered dashboard pages, least recently used first out when the bytes
// they hold pass the budget. A key carries the data version, so pages of older data are never
// served; the first page stored after a version change drops every older one.
type responseCache struct {
	mu      sync.Mutex
	budget  int
	used    int
	version int64
	order   *list.List // of *cachedPage, most recently used at the front
	pages   map[string]*list.Element
	// rendering holds the keys being rendered: a request for one of them waits for that page
	// instead of rendering it again (50 clients opening the same page after an import would
	// otherwise compute it 50 times at once).
	rendering map[string]chan struct{}

	hits, misses int64
}

type cachedPage struct {
	key         string
	contentType string
	body        []byte
	holes       []hole // where the placeholders are in body, in order
}

// hole is one placeholder in a cached page: at is its offset, csrf whether it stands for the
// token (else the user label).
type hole struct {
	at   int
	csrf bool
}

// findHoles lists the placeholders of body once, when it is stored, so serving it is copying.
func findHoles(body []byte) []hole {
	var out []hole
	for i := 0; i < len(body); {
		c := bytes.Index(body[i:], []byte(csrfPlaceholder))
		l := bytes.Index(body[i:], []byte(labelPlaceholder))
		switch {
		case c < 0 && l < 0:
			return out
		case l < 0 || (c >= 0 && c < l):
			out = append(out, hole{at: i + c, csrf: true})
			i += c + len(csrfPlaceholder)
		default:
			out = append(out, hole{at: i + l})
			i += l + len(labelPlaceholder)
		}
	}
	return out
}

func newResponseCache(budget int) *responseCache {
	return &responseCache{budget: budget, order: list.New(), pages: map[string]*list.Element{},
		rendering: map[string]chan struct{}{}}
}

// claim makes the caller the renderer of key, or returns a channel closed when the request
// rendering it is done.
func (rc *responseCache) claim(key string) (wait <-chan struct{}, mine bool) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if ch, ok := rc.rendering[key]; ok {
		return ch, false
	}
	rc.rendering[key] = make(chan struct{})
	return nil, true
}

// release ends the caller's rendering of key and wakes the requests waiting for it.
func (rc *responseCache) release(key string) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	close(rc.rendering[key])
	delete(rc.rendering, key)
}

func (rc *responseCache) get(key string) (*cachedPage, bool) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	e, ok := rc.pages[key]
	if !ok {
		rc.misses++
		return nil, false
	}
	rc.hits++
	rc.order.MoveToFront(e)
	return pageOf(e), true
}

func (rc *responseCache) put(version int64, p *cachedPage) {
	size := len(p.key) + len(p.body)
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if version < rc.version || size > rc.budget {
		return // rendered from data a newer page has already replaced, or too big to keep
	}
	if version > rc.version {
		rc.order.Init()
		clear(rc.pages)
		rc.used, rc.version = 0, version
	}
	if e, ok := rc.pages[p.key]; ok {
		rc.used -= len(p.key) + len(pageOf(e).body)
		rc.order.Remove(e)
	}
	rc.pages[p.key] = rc.order.PushFront(p)
	rc.used += size
	for rc.used > rc.budget {
		last := rc.order.Back()
		old := pageOf(last)
		rc.order.Remove(last)
		delete(rc.pages, old.key)
		rc.used -= len(old.key) + len(old.body)
	}
}

// pageOf is the page an element of the order list holds (the list holds nothing else).
func pageOf(e *list.Element) *cachedPage {
	p, _ := e.Value.(*cachedPage)
	return p
}

// CacheStats counts the response cache's hits and misses and the bytes it holds (for tests and
// benchmarks).
type CacheStats struct {
	Hits, Misses int64
	Pages, Bytes int
}

// CacheStats reports the response cache's counters.
func (s *Server) CacheStats() CacheStats {
	if s.cache == nil {
		return CacheStats{}
	}
	rc := s.cache
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return CacheStats{Hits: rc.hits, Misses: rc.misses, Pages: len(rc.pages), Bytes: rc.used}
}

const cacheRenderLocal = "cache-render"

// cached serves a dashboard page from the response cache, or renders it and keeps it. The key
// is everything a page depends on: the data version, the user's role (the navigation) and
// scope (the figures), the language and the path with its query (the filters). Only GET pages
// that read analytics go through it: never exports, imports or administration.
func (s *Server) cached(c *fiber.Ctx) error {
	sess, ok := session(c)
	if s.cache == nil || !ok || c.Method() != fiber.MethodGet {
		return c.Next()
	}
	version, err := s.an.DataVersion(c.UserContext())
	if err != nil {
		return err
	}
	key := strings.Join([]string{
		strconv.FormatInt(version, 10), string(sess.User.Role), sess.User.Scope.String(),
		string(s.locale(c).Lang), c.OriginalURL(),
	}, "\x00")
	if p, ok := s.cache.get(key); ok {
		return sendCached(c, p, sess)
	}
	if wait, mine := s.cache.claim(key); !mine {
		select {
		case <-wait:
		case <-c.UserContext().Done():
			return c.UserContext().Err()
		}
		if p, ok := s.cache.get(key); ok {
			return sendCached(c, p, sess)
		}
		return c.Next() // the other request's page was not kept (an error, or too big)
	}
	defer s.cache.release(key)
	c.Locals(cacheRenderLocal, true)
	if err := c.Next(); err != nil {
		return err
	}
	res := c.Response()
	if res.StatusCode() != fiber.StatusOK {
		return nil
	}
	body := bytes.Clone(res.Body())
	p := &cachedPage{key: key, contentType: string(res.Header.ContentType()), body: body, holes: findHoles(body)}
	s.cache.put(version, p)
	res.SetBodyRaw(p.personalize(sess.CSRFToken, userLabel(sess.User)))
	return nil
}

func sendCached(c *fiber.Ctx, p *cachedPage, sess accounts.Session) error {
	c.Set(fiber.HeaderContentType, p.contentType)
	return c.Send(p.personalize(sess.CSRFToken, userLabel(sess.User)))
}

var textEscaper = template.Must(template.New("text").Parse("{{.}}"))

// personalize puts the session's CSRF token and user label into the page rendered with the
// placeholders, escaped as the template would have escaped them.
func (p *cachedPage) personalize(csrf, label string) []byte {
	var escaped bytes.Buffer
	if err := textEscaper.Execute(&escaped, label); err != nil {
		escaped.Reset()
	}
	out := make([]byte, 0, len(p.body)+len(p.holes)*max(len(csrf), escaped.Len()))
	last := 0
	for _, h := range p.holes {
		out = append(out, p.body[last:h.at]...)
		if h.csrf {
			out = append(out, csrf...)
			last = h.at + len(csrfPlaceholder)
		} else {
			out = append(out, escaped.Bytes()...)
			last = h.at + len(labelPlaceholder)
		}
	}
	return append(out, p.body[last:]...)
}
