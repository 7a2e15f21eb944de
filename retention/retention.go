// Package retention deletes what the district no longer needs to keep: a citizen's contact
// details, the retention days (appconfig) after their item was closed or marked spam.
package retention

import (
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"anubhav/appconfig"
	"anubhav/schema"
	"anubhav/stamp"
)

// PurgeContacts deletes the contacts of items closed (or marked spam) more than their
// district's retention days before now, and returns how many it deleted. An item closed
// without a closing time counts from its last change.
func PurgeContacts(app core.App, now time.Time) (int64, error) {
	set, err := appconfig.All(app)
	if err != nil {
		return 0, err
	}
	var districts []string
	if err := app.DB().Select("id").From(schema.Areas).Where(dbx.HashExp{"kind": schema.AreaDistrict}).Column(&districts); err != nil {
		return 0, err
	}
	var deleted int64
	for _, district := range append(districts, "") { // "": a station outside any district
		cfg := set.For(district)
		cutoff := stamp.DB(now.Add(-time.Duration(cfg.RetentionDays) * 24 * time.Hour))
		res, err := app.DB().Delete(schema.Contacts, dbx.NewExp(
			`feedback IN (SELECT id FROM feedback WHERE district = {:district} AND status IN ({:closed}, {:spam})
			   AND (CASE WHEN closed_at != '' THEN closed_at ELSE updated END) < {:cutoff})`,
			dbx.Params{"district": district, "closed": schema.StatusClosed, "spam": schema.StatusSpam, "cutoff": cutoff},
		)).Execute()
		if err != nil {
			return deleted, err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return deleted, err
		}
		deleted += n
	}
	return deleted, nil
}
