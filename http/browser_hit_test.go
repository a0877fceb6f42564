package http

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserHitDecisionReason: on the hits page, restricting or
// dismissing asks for a reason before the form is sent (the store refuses
// it without one: crosscase.CheckHitReason), while disclosing does not.
func TestBrowserHitDecisionReason(t *testing.T) {
	ts, b := demoBrowser(t, "it.rossi", 90*time.Second)
	eval := func(step, js string) bool {
		t.Helper()
		v, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](js))
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		return v
	}
	b.do("open the new hits", chromedp.Navigate(ts.URL()+"/hits?status=new"), chromedp.WaitVisible(chromedp.CSS("main")))
	form, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`(() => { const f = [...document.querySelectorAll("form.hit-decision")].find(f => f.querySelector('button[value="dismissed"]')); return f ? "#" + f.id : "" })()`))
	if err != nil || form == "" {
		t.Fatalf("the demo leaves it.rossi no new hit to dismiss (%v)", err)
	}
	b.do("press Dismiss without a reason", chromedp.Click(chromedp.CSS(form+` button[value="dismissed"]`)), chromedp.Sleep(300*time.Millisecond))
	if !eval("still on the list", `location.search.includes("status=new")`) || !eval("reason asked for", `document.querySelector("`+form+` input[name=reason]").validity.valueMissing`) {
		t.Fatal("Dismiss without a reason left the page or did not ask for the reason")
	}
	if !eval("disclose", `(() => { const d = document.querySelector("`+form+` button[value=disclosed]"); return !d || d.formNoValidate })()`) {
		t.Error("Disclose asks for a reason")
	}
	b.do("give a reason", chromedp.SendKeys(chromedp.CSS(form+" input[name=reason]"), "Another man of the same name."))
	b.submit("dismiss with a reason", form+` button[value="dismissed"]`)
	if got := b.text("main"); !strings.Contains(got, "dismissed") {
		t.Errorf("after the dismissal: %.300s", got)
	}
}
