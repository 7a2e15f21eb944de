// Package appconfig reads the district's own settings (the single row of the config
// collection). They are cached until the row changes, so a change needs no restart and
// reading them costs nothing on a hot path.
package appconfig

import (
	"time"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/schema"
)

// Config is the district's settings, with defaults filled in.
type Config struct {
	DistrictName   string
	DistrictNameHi string
	CampaignName   string
	CampaignNameHi string
	ReviewDays     int
	ActionDays     int
	UrgentWords    []string
	RetentionDays  int
	DigestTime     string
	Location       *time.Location
	// Record is the row itself, for settings that other packages add to the collection.
	Record *core.Record
}

const storeKey = "anubhav.config"

// Get returns the district's settings.
func Get(app core.App) (*Config, error) {
	if c, ok := app.Store().GetOk(storeKey); ok {
		return c.(*Config), nil
	}
	row, err := app.FindFirstRecordByFilter(schema.Config, "")
	if err != nil {
		return nil, err
	}
	c := fromRecord(row)
	app.Store().Set(storeKey, c)
	return c, nil
}

// Forget drops the cached settings; hooks call it whenever the row is saved.
func Forget(app core.App) { app.Store().Remove(storeKey) }

func fromRecord(r *core.Record) *Config {
	c := &Config{
		DistrictName:   r.GetString("district_name"),
		DistrictNameHi: r.GetString("district_name_hi"),
		CampaignName:   r.GetString("campaign_name"),
		CampaignNameHi: r.GetString("campaign_name_hi"),
		ReviewDays:     orDefault(r.GetInt("review_days"), 1),
		ActionDays:     orDefault(r.GetInt("action_days"), 7),
		RetentionDays:  orDefault(r.GetInt("retention_days"), 180),
		DigestTime:     r.GetString("digest_time"),
		Record:         r,
	}
	_ = r.UnmarshalJSONField("urgent_words", &c.UrgentWords)
	if c.DigestTime == "" {
		c.DigestTime = "08:00"
	}
	loc, err := time.LoadLocation(r.GetString("timezone"))
	if err != nil || r.GetString("timezone") == "" {
		loc, _ = time.LoadLocation("Asia/Kolkata")
	}
	c.Location = loc
	return c
}

func orDefault(v, def int) int {
	if v <= 0 {
		return def
	}
	return v
}
