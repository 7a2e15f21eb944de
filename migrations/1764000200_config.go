package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

// The district's own settings: one row, read on every use so that a change needs no restart.
// A district officer or a superuser edits it.
func init() {
	m.Register(func(app core.App) error {
		config := core.NewBaseCollection("config")
		config.ListRule = types.Pointer(`@request.auth.collectionName = "officers"`)
		config.ViewRule = types.Pointer(`@request.auth.collectionName = "officers"`)
		config.UpdateRule = types.Pointer(`@request.auth.role = "district"`)
		config.Fields.Add(
			&core.TextField{Name: "district_name", Required: true, Max: 120, Presentable: true,
				Help: "Shown on the landing page, posters and digests, e.g. Durg Police."},
			&core.TextField{Name: "district_name_hi", Required: true, Max: 120},
			&core.TextField{Name: "campaign_name", Required: true, Max: 80},
			&core.TextField{Name: "campaign_name_hi", Required: true, Max: 80},
			&core.NumberField{Name: "review_days", OnlyInt: true, Min: types.Pointer(1.0), Max: types.Pointer(30.0),
				Help: "Days within which an item must be reviewed."},
			&core.NumberField{Name: "action_days", OnlyInt: true, Min: types.Pointer(1.0), Max: types.Pointer(90.0),
				Help: "Days within which action must be taken on an item."},
			&core.JSONField{Name: "urgent_words", MaxSize: 20000,
				Help: "Words (Hindi or English) that mark an item urgent, as a JSON list."},
			&core.NumberField{Name: "retention_days", OnlyInt: true, Min: types.Pointer(1.0),
				Help: "Days after an item is closed when its contact details are deleted."},
			&core.TextField{Name: "digest_time", Pattern: `^([01]\d|2[0-3]):[0-5]\d$`, Help: "HH:MM, in the time zone below."},
			&core.TextField{Name: "timezone", Max: 60, Help: "An IANA time zone, e.g. Asia/Kolkata."},
			&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
		)
		if err := app.Save(config); err != nil {
			return err
		}

		row := core.NewRecord(config)
		row.Load(map[string]any{
			"district_name":    "District Police",
			"district_name_hi": "जिला पुलिस",
			"campaign_name":    "Anubhav",
			"campaign_name_hi": "अनुभव",
			"review_days":      1,
			"action_days":      7,
			"urgent_words": []string{
				"bribe", "rishwat", "ghoos", "रिश्वत", "घूस", "पैसे मांगे", "पैसे माँगे",
				"beaten", "assault", "मारपीट", "पिटाई", "threat", "धमकी",
				"rape", "बलात्कार", "molest", "छेड़छाड़", "kidnap", "अपहरण",
				"suicide", "आत्महत्या", "weapon", "हथियार", "कट्टा", "murder", "हत्या",
			},
			"retention_days": 180,
			"digest_time":    "08:00",
			"timezone":       "Asia/Kolkata",
		})
		return app.Save(row)
	}, func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("config")
		if err != nil {
			return err
		}
		return app.Delete(c)
	})
}
