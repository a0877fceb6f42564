package http

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestBrowserStatisticsPrint prints the statistics page as a browser does
// (CSS media "print") and checks that it reads as the report's annex:
// the site's header, navigation, footer, the period form and the
// download links are left out; the headline figures, the charts and the
// tables are kept (README, "Statistics and the annual report").
func TestBrowserStatisticsPrint(t *testing.T) {
	ts, b := demoBrowser(t, "stats.jansen", 90*time.Second)
	b.do("the statistics page",
		chromedp.Navigate(ts.URL()+"/statistics?year=2025"),
		chromedp.WaitVisible(chromedp.ID("chart-third")),
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
			return err
		}))
	shown, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`(function () {
		var out = [];
		["header.top", "nav.nav", "footer.foot", "#period-form", "a[download]", "#h-headline", "#chart-crime-empty", "#chart-third", "#chart-years", "table"].forEach(function (sel) {
			var el = document.querySelector(sel);
			var shown = !!el && el.getClientRects().length > 0;
			out.push(sel + "=" + (el ? (shown ? "shown" : "hidden") : "missing"));
		});
		return out.join(" ");
	}())`))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"header.top=hidden", "nav.nav=hidden", "footer.foot=hidden", "#period-form=hidden", "a[download]=hidden",
		"#h-headline=shown", "#chart-crime-empty=shown", "#chart-third=shown", "#chart-years=shown", "table=shown"} {
		if !strings.Contains(" "+shown+" ", " "+want+" ") {
			t.Errorf("printed, want %s; got %s", want, shown)
		}
	}
}
