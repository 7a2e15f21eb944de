// Package appconfig reads the settings of the config collection: one row per district (its
// names, campaign, deadlines, urgent words, retention, digest time, SMS on/off and, set by
// the system administrator only, its SMS gateway) and one row without a district, the
// deployment's own: its time zone, the names on the landing page, the SMS gateway of every
// district that has none of its own, and the values a district starts from until its officers
// change them. All rows are cached until one changes, so a change needs no restart and
// reading them costs nothing on a hot path.
package appconfig

import (
	"maps"
	"slices"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"anubhav/schema"
	"anubhav/scope"
)

// Config is the settings of one district (or of the deployment), with defaults filled in.
type Config struct {
	// District is the id of the district these settings are for ("" for the deployment's).
	District       string
	DistrictName   string
	DistrictNameHi string
	CampaignName   string
	CampaignNameHi string
	ReviewDays     int
	ActionDays     int
	UrgentWords    []string
	// Replies and RepliesHi are the canned public replies, in English and in Hindi.
	Replies, RepliesHi []string
	RetentionDays      int
	DigestTime         string
	// PublicStats: the district publishes its monthly station results at /stats.
	PublicStats bool
	// Location is the deployment's time zone, the same for every district: dates and
	// deadlines of a range must agree.
	Location *time.Location
	// Record is the row the settings come from: the district's own, or the deployment's for
	// a district that has none yet.
	Record *core.Record
	// Gateway is the row that holds the SMS gateway: the district's own if its sms_url is
	// set, else the deployment's.
	Gateway *core.Record
}

// Set is every row of the config collection.
type Set struct {
	Defaults   *Config
	byDistrict map[string]*Config
}

// For returns a district's settings: its own row, or the deployment's values until it has one.
func (s *Set) For(district string) *Config {
	if c, ok := s.byDistrict[district]; ok {
		return c
	}
	c := *s.Defaults
	c.District = district
	return &c
}

// Districts returns the settings of every district that has its own, in no order.
func (s *Set) Districts() []*Config {
	return slices.Collect(maps.Values(s.byDistrict))
}

// Among returns the settings of the given districts, in their order.
func (s *Set) Among(districts []string) []*Config {
	out := make([]*Config, 0, len(districts))
	for _, d := range districts {
		out = append(out, s.For(d))
	}
	return out
}

const storeKey = "anubhav.config"

// All returns every district's settings and the deployment's.
func All(app core.App) (*Set, error) {
	if s, ok := app.Store().GetOk(storeKey); ok {
		return s.(*Set), nil
	}
	rows, err := app.FindAllRecords(schema.Config)
	if err != nil {
		return nil, err
	}
	var deployment *core.Record
	for _, r := range rows {
		if r.GetString("district") == "" && (deployment == nil || r.Id < deployment.Id) {
			deployment = r
		}
	}
	if deployment == nil {
		deployment = core.NewRecord(core.NewBaseCollection(schema.Config))
	}
	s := &Set{Defaults: fromRecord(deployment, nil), byDistrict: map[string]*Config{}}
	for _, r := range rows {
		if d := r.GetString("district"); d != "" {
			s.byDistrict[d] = fromRecord(r, s.Defaults)
		}
	}
	app.Store().Set(storeKey, s)
	return s, nil
}

// Get returns the deployment's settings: its time zone and the names of its landing page.
func Get(app core.App) (*Config, error) {
	s, err := All(app)
	if err != nil {
		return nil, err
	}
	return s.Defaults, nil
}

// For returns one district's settings.
func For(app core.App, district string) (*Config, error) {
	s, err := All(app)
	if err != nil {
		return nil, err
	}
	return s.For(district), nil
}

// Forget drops the cached settings; hooks call it whenever a row is saved.
func Forget(app core.App) { app.Store().Remove(storeKey) }

// fromRecord reads one row; a district's row takes the time zone, and the SMS gateway where
// it has none, from the deployment's settings.
func fromRecord(r *core.Record, deployment *Config) *Config {
	c := &Config{
		District:       r.GetString("district"),
		DistrictName:   r.GetString("district_name"),
		DistrictNameHi: r.GetString("district_name_hi"),
		CampaignName:   r.GetString("campaign_name"),
		CampaignNameHi: r.GetString("campaign_name_hi"),
		ReviewDays:     orDefault(r.GetInt("review_days"), 1),
		ActionDays:     orDefault(r.GetInt("action_days"), 7),
		RetentionDays:  orDefault(r.GetInt("retention_days"), 180),
		DigestTime:     r.GetString("digest_time"),
		PublicStats:    r.GetBool("public_stats"),
		Record:         r,
		Gateway:        r,
	}
	_ = r.UnmarshalJSONField("urgent_words", &c.UrgentWords)
	_ = r.UnmarshalJSONField("replies", &c.Replies)
	_ = r.UnmarshalJSONField("replies_hi", &c.RepliesHi)
	if c.DigestTime == "" {
		c.DigestTime = "08:00"
	}
	if deployment != nil {
		c.Location = deployment.Location
		if r.GetString("sms_url") == "" {
			c.Gateway = deployment.Gateway
		}
		return c
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

// OfScope returns the settings of the districts an officer's scope lies in, and those that
// speak for the scope (names, digest time): its district's, or the deployment's for a range,
// which spans districts.
func OfScope(app core.App, sc scope.Scope) (districts []*Config, voice *Config, err error) {
	ids, err := sc.Districts(app)
	if err != nil {
		return nil, nil, err
	}
	s, err := All(app)
	if err != nil {
		return nil, nil, err
	}
	districts = s.Among(ids)
	if len(districts) == 1 {
		return districts, districts[0], nil
	}
	return districts, s.Defaults, nil
}

// ForScope returns the settings that speak for a scope (see OfScope).
func ForScope(app core.App, sc scope.Scope) (*Config, error) {
	_, voice, err := OfScope(app, sc)
	return voice, err
}
