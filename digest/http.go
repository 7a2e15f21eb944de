package digest

import (
	"net/http"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/appconfig"
)

// HandlePreview is the digest the officer would get this morning: yesterday's, in their
// language, as JSON {subject, html, text, day}.
func HandlePreview(e *core.RequestEvent) error {
	cfg, err := appconfig.Get(e.App)
	if err != nil {
		return err
	}
	now := time.Now()
	day := Yesterday(now, cfg.Location)
	mail, err := Mail(e.App, e.Auth, day, now)
	if err != nil {
		return err
	}
	return e.JSON(http.StatusOK, map[string]string{"subject": mail.Subject, "html": mail.HTML, "text": mail.Text, "day": day.Date})
}
