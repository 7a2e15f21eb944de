package migrations

import (
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// Settings per district. Until now one config row served the whole deployment, so any district
// officer changed every district's deadlines and words, and could point the SMS gateway (with
// the citizens' mobiles) at a server of their own. Now:
//   - each district has its own row (district set), made here from the old row's values, which
//     its officers change through /api/console/settings only;
//   - the row without a district is the deployment's: the time zone, the landing page's names,
//     the SMS gateway of every district without one of its own, and the starting values of a
//     district added later (package appconfig gives each new district its row);
//   - the record API serves the collection to superusers only (the dashboard), and no officer
//     ever sets an SMS gateway.
func init() {
	// the district's own values, named after the district (the gateway and the time zone stay
	// the deployment's)
	copied := []string{"campaign_name", "campaign_name_hi", "review_days", "action_days", "urgent_words",
		"retention_days", "digest_time", "sms_enabled"}

	m.Register(func(app core.App) error {
		config, err := app.FindCollectionByNameOrId("config")
		if err != nil {
			return err
		}
		areas, err := app.FindCollectionByNameOrId("areas")
		if err != nil {
			return err
		}
		config.ListRule, config.ViewRule, config.CreateRule, config.UpdateRule, config.DeleteRule = nil, nil, nil, nil, nil
		config.Fields.Add(&core.RelationField{Name: "district", CollectionId: areas.Id, MaxSelect: 1,
			Help: "The district these settings are for; empty: the deployment's own (time zone, landing page, SMS gateway, starting values)."})
		config.AddIndex("idx_config_district", true, "district", "district != ''")
		if err := app.Save(config); err != nil {
			return err
		}

		rows, err := app.FindAllRecords(config)
		if err != nil || len(rows) == 0 {
			return err
		}
		deployment := rows[0]
		districts, err := app.FindAllRecords(areas, dbx.HashExp{"kind": "district"})
		if err != nil {
			return err
		}
		for _, d := range districts {
			row := core.NewRecord(config)
			row.Set("district", d.Id)
			for _, name := range copied {
				row.Set(name, deployment.Get(name))
			}
			row.Set("district_name", d.GetString("name")+" Police")
			row.Set("district_name_hi", d.GetString("name_hi")+" पुलिस")
			if err := app.Save(row); err != nil {
				return err
			}
		}
		return nil
	}, func(app core.App) error {
		config, err := app.FindCollectionByNameOrId("config")
		if err != nil {
			return err
		}
		if _, err := app.DB().NewQuery("DELETE FROM config WHERE district != ''").Execute(); err != nil {
			return err
		}
		config.Fields.RemoveByName("district")
		config.RemoveIndex("idx_config_district")
		officers := `@request.auth.collectionName = "officers"`
		config.ListRule, config.ViewRule = &officers, &officers
		district := `@request.auth.role = "district"`
		config.UpdateRule = &district
		return app.Save(config)
	})
}
