package http

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserFormFieldsStyled: every one-line field of the instrument and
// meeting forms — the instrument's reference and the date-and-time fields
// among them — takes its field's whole width and the one height of the
// forms' fields, as the date beside it does, instead of the browser's
// own narrow box.
func TestBrowserFormFieldsStyled(t *testing.T) {
	ts, b := demoBrowser(t, "it.rossi", 90*time.Second)
	_, albania := demoItalyAlbania(t, ts)
	// unstyled lists the form's one-line fields narrower than their field
	// or lower than 2.3rem (a picker's filter box is narrower on purpose).
	const unstyled = `Array.from(document.querySelectorAll('FORM input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([type=file]):not(.picker-filter)')).filter(i => {
		const r = i.getBoundingClientRect(), p = i.parentElement.getBoundingClientRect();
		const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
		return r.width > 0 && (r.width < p.width - 2 - 2.5 * rem || r.height < 2.3 * rem - 1);
	}).map(i => i.id + ' ' + Math.round(i.getBoundingClientRect().width) + 'x' + Math.round(i.getBoundingClientRect().height))`
	for _, tc := range []struct{ page, form string }{
		{fmt.Sprintf("/cases/%d/instruments/new", albania.ID), `form[action$="/instruments"]`},
		{fmt.Sprintf("/cases/%d/meetings/new", albania.ID), `#meeting-form`},
	} {
		b.do("open "+tc.page, chromedp.EmulateViewport(1366, 900), chromedp.Navigate(ts.URL()+tc.page), chromedp.WaitVisible(chromedp.CSS(tc.form)))
		bad, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]string](strings.Replace(unstyled, "FORM", tc.form, 1)))
		if err != nil {
			t.Fatal(err)
		}
		if len(bad) > 0 {
			t.Errorf("%s: fields left unstyled (narrower than their field or low): %q", tc.page, bad)
		}
	}
}
