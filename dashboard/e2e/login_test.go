package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestLoginAndLogout: a signed-out browser is sent to the login form, which it fills in and
// posts with its CSRF token; it lands on the page it asked for, signed in, and the header's
// logout button signs it out again.
func TestLoginAndLogout(t *testing.T) {
	tb := newSignedOutTab(t)
	tb.open("/units?cadre=guru")
	if loc := tb.location(); !strings.Contains(loc, "/login?next=") {
		t.Fatalf("signed out, /units went to %s, want the login form", loc)
	}
	if got := eval[string](tb, `document.querySelector('form[action="/login"] input[name="csrf"]').value`); got == "" {
		t.Fatal("the login form has no CSRF token")
	}
	tb.do("fill in the form",
		chromedp.SendKeys(chromedp.CSS(`#f-username`), adminName),
		chromedp.SendKeys(chromedp.CSS(`#f-password`), adminPassword))
	tb.navigateBy("log in", chromedp.Click(chromedp.CSS(`form[action="/login"] button[type="submit"]`)))
	if loc := tb.location(); !strings.HasSuffix(loc, "/units?cadre=guru") {
		t.Errorf("after login at %s, want /units?cadre=guru", loc)
	}
	if got := eval[string](tb, `document.querySelector('.logout .muted').textContent`); !strings.Contains(got, adminName) {
		t.Errorf("header names %q, want %s", got, adminName)
	}
	tb.navigateBy("log out", chromedp.Click(chromedp.CSS(`.logout button`)))
	if loc := tb.location(); !strings.Contains(loc, "/login") {
		t.Errorf("after logout at %s, want the login form", loc)
	}
	tb.open("/")
	if loc := tb.location(); !strings.Contains(loc, "/login?next=") {
		t.Errorf("after logout / went to %s, want the login form", loc)
	}
}
