package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestPlanFormLockAndApprove drives the planner page as a planner would: start a plan of Kota
// Serang's teachers from the form, lock the first proposed move, see it among the choices and
// marked on the re-run, then approve the plan, after which it offers no more changes.
func TestPlanFormLockAndApprove(t *testing.T) {
	tb := newTab(t)
	tb.open("/plans")
	tb.do("fill in the plan form",
		chromedp.SendKeys(chromedp.CSS(`#f-plan-name`), "Uji rencana"),
		chooseOption(`#f-plan-region`, "36.73"),
		chromedp.Click(chromedp.CSS(`input[name="cadre"][value="guru"]`)))
	tb.navigateBy("generate", chromedp.Click(chromedp.CSS(`form[action="/plans"] button[type="submit"]`)))
	if loc := tb.location(); !strings.Contains(loc, "/plans/") {
		t.Fatalf("after generating at %s, want a plan page", loc)
	}
	assertChartsDrawn(t, tb, 2)
	nip := eval[string](tb, `document.querySelector('#plan-moves tbody tr').dataset.nip`)
	if nip == "" {
		t.Fatal("the plan proposes no move")
	}
	tb.navigateBy("lock the first move", chromedp.Click(chromedp.CSS(`#plan-moves tbody tr:first-child form input[value="lock"] ~ button`)))
	if got := eval[string](tb, `document.querySelector('.choices').textContent`); !strings.Contains(got, "Dikunci") || !strings.Contains(got, nip) {
		t.Errorf("choices after locking: %q", got)
	}
	locked := eval[string](tb, `Array.from(document.querySelectorAll('#plan-moves tbody tr')).filter(function (r) { return r.dataset.nip === `+jsString(nip)+`; }).map(function (r) { return r.textContent; }).join('|')`)
	if !strings.Contains(locked, "Dikunci perencana") {
		t.Errorf("the locked move is not marked: %q", locked)
	}
	tb.navigateBy("approve", chromedp.Click(chromedp.CSS(`form[action$="/approve"] button`)))
	if n := eval[int](tb, `document.querySelectorAll('form[action$="/choices"]').length`); n != 0 {
		t.Errorf("the approved plan still has %d choice forms", n)
	}
	tb.assertClean()
}
