package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

// One door for officers (DESIGN.md, "Who sees what"). The collections that hold what a citizen
// gave or what officers did about it are served by PocketBase's record API, filter language
// and realtime to superusers only: every rule null. With a null list rule PocketBase refuses
// any filter, sort or expand of another collection that joins them (a back-relation such as
// stations?filter=feedback_via_station.comment!~'word', whose all-match sub-query ignored the
// joined collection's list rule and let a caller read hidden rows word by word), and realtime
// delivers their events to superusers alone. Officers reach them through /api/console/...,
// which checks the officer's scope in one place (package scope).
//
// An officer's own record: the update rule says "only one's own"; which fields (language,
// phone, digest, password) is the whitelist of console.SelfUpdate, bound in hooks, so that
// each refused field gets its own error.
func init() {
	private := []string{"feedback", "contacts", "followups", "digests", "alerts"}

	m.Register(func(app core.App) error {
		for _, name := range private {
			c, err := app.FindCollectionByNameOrId(name)
			if err != nil {
				return err
			}
			c.ListRule, c.ViewRule, c.CreateRule, c.UpdateRule, c.DeleteRule = nil, nil, nil, nil, nil
			if err := app.Save(c); err != nil {
				return err
			}
		}
		officers, err := app.FindCollectionByNameOrId("officers")
		if err != nil {
			return err
		}
		officers.UpdateRule = types.Pointer(`id = @request.auth.id && @request.auth.collectionName = "officers"`)
		return app.Save(officers)
	}, func(app core.App) error {
		// the rules of 1764000000_collections and 1764004000_console, as they were
		const (
			isOfficer = `@request.auth.collectionName = "officers"`

			feedbackRule = isOfficer + ` && (` +
				`(@request.auth.role = "station" && kind = "experience" && station = @request.auth.station` +
				` && (@request.query.filter:isset = false || (@request.query.filter !~ "created"` +
				` && @request.query.filter !~ "updated" && @request.query.filter !~ "closed_at")))` +
				` || (@request.auth.role = "subdivision" && subdivision = @request.auth.area)` +
				` || (@request.auth.role = "district" && district = @request.auth.area)` +
				` || (@request.auth.role = "range" && range = @request.auth.area))`

			followupRule = isOfficer + ` && (` +
				`(@request.auth.role = "station" && feedback.kind = "experience" && feedback.station = @request.auth.station)` +
				` || (@request.auth.role = "subdivision" && feedback.subdivision = @request.auth.area)` +
				` || (@request.auth.role = "district" && feedback.district = @request.auth.area)` +
				` || (@request.auth.role = "range" && feedback.range = @request.auth.area))`

			contactRule = isOfficer + ` && consent = true && (` +
				`(@request.auth.role = "subdivision" && feedback.subdivision = @request.auth.area)` +
				` || (@request.auth.role = "district" && feedback.district = @request.auth.area))`

			noteOnlyByRecordAPI = ` && @request.body.kind = "note" && (@request.body.public:isset = false || @request.body.public = false)` +
				` && @request.body.from_status:isset = false && @request.body.to_status:isset = false` +
				` && @request.body.action:isset = false && @request.body.ref:isset = false`

			officerSelfUpdate = `id = @request.auth.id && @request.body.role:isset = false && @request.body.station:isset = false` +
				` && @request.body.area:isset = false && @request.body.verified:isset = false && @request.body.rank:isset = false`
		)
		before := map[string][2]*string{
			"feedback":  {types.Pointer(feedbackRule), nil},
			"contacts":  {types.Pointer(contactRule), nil},
			"followups": {types.Pointer(followupRule), types.Pointer(followupRule + ` && author = @request.auth.id` + noteOnlyByRecordAPI)},
			"digests":   {types.Pointer(`officer = @request.auth.id`), nil},
			"alerts":    {nil, nil},
		}
		for _, name := range private {
			c, err := app.FindCollectionByNameOrId(name)
			if err != nil {
				return err
			}
			c.ListRule, c.ViewRule, c.CreateRule = before[name][0], before[name][0], before[name][1]
			if err := app.Save(c); err != nil {
				return err
			}
		}
		officers, err := app.FindCollectionByNameOrId("officers")
		if err != nil {
			return err
		}
		officers.UpdateRule = types.Pointer(officerSelfUpdate)
		return app.Save(officers)
	})
}
