package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

func init() {
	// The "who sees what" table of DESIGN.md as PocketBase API rules. Every item carries the
	// sub-division, district and range of its station (set by a hook), so a rule is one
	// comparison and the console's queries can use an index instead of a join.
	const (
		isOfficer = `@request.auth.collectionName = "officers"`

		// A station officer sees the experience items of its own station, and may not filter on
		// a time field: the time of day of an item is not theirs to know (the API shows them the
		// date only, see hooks/privacy.go).
		stationSeesItem = `(@request.auth.role = "station" && kind = "experience" && station = @request.auth.station` +
			` && (@request.query.filter:isset = false || (@request.query.filter !~ "created"` +
			` && @request.query.filter !~ "updated" && @request.query.filter !~ "closed_at")))`

		supervisorSeesItem = `(@request.auth.role = "subdivision" && subdivision = @request.auth.area)` +
			` || (@request.auth.role = "district" && district = @request.auth.area)` +
			` || (@request.auth.role = "range" && range = @request.auth.area)`

		feedbackRule = isOfficer + ` && (` + stationSeesItem + ` || ` + supervisorSeesItem + `)`

		// Follow-ups are seen by whoever sees their item.
		followupRule = isOfficer + ` && (` +
			`(@request.auth.role = "station" && feedback.kind = "experience" && feedback.station = @request.auth.station)` +
			` || (@request.auth.role = "subdivision" && feedback.subdivision = @request.auth.area)` +
			` || (@request.auth.role = "district" && feedback.district = @request.auth.area)` +
			` || (@request.auth.role = "range" && feedback.range = @request.auth.area))`

		// Contacts: the sub-division and the district, only where the citizen consented; never a
		// station, never the range.
		contactRule = isOfficer + ` && consent = true && (` +
			`(@request.auth.role = "subdivision" && feedback.subdivision = @request.auth.area)` +
			` || (@request.auth.role = "district" && feedback.district = @request.auth.area))`

		// Officers see themselves and the officers within their own scope.
		officerRule = `id = @request.auth.id || (` + isOfficer + ` && (` +
			`(@request.auth.role = "subdivision" && (area = @request.auth.area || station.subdivision = @request.auth.area))` +
			` || (@request.auth.role = "district" && (area = @request.auth.area || area.parent = @request.auth.area || station.district = @request.auth.area))` +
			` || (@request.auth.role = "range" && (area = @request.auth.area || area.parent = @request.auth.area || area.parent.parent = @request.auth.area || station.range = @request.auth.area))))`

		// An officer may change their own language, phone, digest choice and password, never
		// their role or scope.
		officerSelfUpdate = `id = @request.auth.id && @request.body.role:isset = false && @request.body.station:isset = false` +
			` && @request.body.area:isset = false && @request.body.verified:isset = false && @request.body.rank:isset = false`
	)

	// A unique lowercase slug, the code of an area or a station.
	codeField := func() *core.TextField {
		return &core.TextField{Name: "code", Required: true, Max: 64, Pattern: `^[a-z0-9]+(-[a-z0-9]+)*$`, Presentable: true}
	}

	// One of the denormalised area links (sub-division, district, range) that the server
	// keeps in step with a station's area.
	hierarchyField := func(name, areasId string) *core.RelationField {
		return &core.RelationField{Name: name, CollectionId: areasId, MaxSelect: 1, Help: "Set automatically from the station's area."}
	}

	m.Register(func(app core.App) error {
		areas := core.NewBaseCollection("areas")
		areas.ListRule = types.Pointer("")
		areas.ViewRule = types.Pointer("")
		areas.Fields.Add(
			codeField(),
			&core.TextField{Name: "name", Required: true, Max: 120, Presentable: true},
			&core.TextField{Name: "name_hi", Required: true, Max: 120},
			&core.SelectField{Name: "kind", Required: true, MaxSelect: 1, Values: []string{"range", "district", "subdivision"}},
		)
		if err := app.Save(areas); err != nil {
			return err
		}
		areas.Fields.Add(&core.RelationField{Name: "parent", CollectionId: areas.Id, MaxSelect: 1})
		areas.AddIndex("idx_areas_code", true, "code", "")
		areas.AddIndex("idx_areas_parent", false, "parent", "")
		if err := app.Save(areas); err != nil {
			return err
		}

		stations := core.NewBaseCollection("stations")
		stations.ListRule = types.Pointer(`active = true || ` + isOfficer)
		stations.ViewRule = stations.ListRule
		stations.Fields.Add(
			codeField(),
			&core.TextField{Name: "name", Required: true, Max: 120, Presentable: true},
			&core.TextField{Name: "name_hi", Required: true, Max: 120},
			&core.SelectField{Name: "kind", Required: true, MaxSelect: 1, Values: []string{"thana", "chowki", "office", "special"}},
			&core.RelationField{Name: "area", Required: true, CollectionId: areas.Id, MaxSelect: 1,
				Help: "The station's sub-division, or its district where there is none."},
			&core.TextField{Name: "address", Max: 300},
			&core.BoolField{Name: "active"},
			hierarchyField("subdivision", areas.Id),
			hierarchyField("district", areas.Id),
			hierarchyField("range", areas.Id),
			&core.AutodateField{Name: "created", OnCreate: true},
			&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
		)
		stations.AddIndex("idx_stations_code", true, "code", "")
		stations.AddIndex("idx_stations_area", false, "area", "")
		stations.AddIndex("idx_stations_district", false, "district", "")
		if err := app.Save(stations); err != nil {
			return err
		}

		officers := core.NewAuthCollection("officers")
		officers.ListRule = types.Pointer(officerRule)
		officers.ViewRule = types.Pointer(officerRule)
		officers.UpdateRule = types.Pointer(officerSelfUpdate)
		// The new-device alert keys its fingerprint on the client address; we keep none.
		officers.AuthAlert.Enabled = false
		officers.Fields.Add(
			&core.TextField{Name: "name", Required: true, Max: 120, Presentable: true},
			&core.TextField{Name: "rank", Max: 60},
			&core.SelectField{Name: "role", Required: true, MaxSelect: 1, Values: []string{"station", "subdivision", "district", "range"}},
			&core.RelationField{Name: "station", CollectionId: stations.Id, MaxSelect: 1, Help: "For role station."},
			&core.RelationField{Name: "area", CollectionId: areas.Id, MaxSelect: 1, Help: "For the other roles: the area of the same kind."},
			&core.TextField{Name: "phone", Max: 20},
			&core.BoolField{Name: "digest"},
			&core.SelectField{Name: "lang", MaxSelect: 1, Values: []string{"hi", "en"}},
			&core.AutodateField{Name: "created", OnCreate: true},
			&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
		)
		officers.AddIndex("idx_officers_area", false, "area", "")
		officers.AddIndex("idx_officers_station", false, "station", "")
		if err := app.Save(officers); err != nil {
			return err
		}

		questions := core.NewBaseCollection("questions")
		questions.ListRule = types.Pointer(`active = true || ` + isOfficer)
		questions.ViewRule = questions.ListRule
		questions.Fields.Add(
			&core.TextField{Name: "key", Required: true, Max: 40, Pattern: `^[a-z][a-z0-9_]*$`, Presentable: true},
			&core.SelectField{Name: "type", Required: true, MaxSelect: 1, Values: []string{"rating", "yesno", "choice", "text", "date"}},
			&core.TextField{Name: "label_en", Required: true, Max: 200},
			&core.TextField{Name: "label_hi", Required: true, Max: 200},
			&core.JSONField{Name: "options", MaxSize: 20000, Help: `For type choice: [{"value","label_en","label_hi"}].`},
			&core.SelectField{Name: "kinds", Required: true, MaxSelect: 3, Values: []string{"experience", "complaint", "tip"}},
			&core.BoolField{Name: "required"},
			&core.NumberField{Name: "sort", OnlyInt: true},
			&core.BoolField{Name: "active"},
		)
		questions.AddIndex("idx_questions_key", true, "key", "")
		if err := app.Save(questions); err != nil {
			return err
		}

		feedback := core.NewBaseCollection("feedback")
		feedback.ListRule = types.Pointer(feedbackRule)
		feedback.ViewRule = types.Pointer(feedbackRule)
		// Created only through /api/feedback and the console's routes; never deleted but by a
		// superuser; changed only through follow-ups.
		feedback.Fields.Add(
			&core.RelationField{Name: "station", Required: true, CollectionId: stations.Id, MaxSelect: 1},
			&core.SelectField{Name: "kind", Required: true, MaxSelect: 1, Values: []string{"experience", "complaint", "tip"}},
			&core.NumberField{Name: "rating", OnlyInt: true, Min: types.Pointer(1.0), Max: types.Pointer(5.0)},
			&core.JSONField{Name: "answers", MaxSize: 20000},
			&core.TextField{Name: "comment", Max: 2000},
			&core.DateField{Name: "visit_date"},
			&core.SelectField{Name: "channel", Required: true, MaxSelect: 1, Values: []string{"qr", "walkin", "phone", "whatsapp", "video", "email"}},
			&core.SelectField{Name: "lang", MaxSelect: 1, Values: []string{"hi", "en"}},
			&core.SelectField{Name: "status", Required: true, MaxSelect: 1, Values: []string{"new", "in_review", "action_taken", "closed", "spam"}},
			&core.SelectField{Name: "flags", MaxSelect: 3, Values: []string{"negative", "urgent", "burst"}},
			&core.RelationField{Name: "assigned_to", CollectionId: officers.Id, MaxSelect: 1},
			&core.RelationField{Name: "entered_by", CollectionId: officers.Id, MaxSelect: 1,
				Help: "The officer who entered an item received by phone, walk-in, etc."},
			&core.DateField{Name: "closed_at"},
			hierarchyField("subdivision", areas.Id),
			hierarchyField("district", areas.Id),
			hierarchyField("range", areas.Id),
			&core.TextField{Name: "receipt_hash", Hidden: true, Max: 100},
			&core.TextField{Name: "device_hash", Hidden: true, Max: 100},
			&core.AutodateField{Name: "created", OnCreate: true},
			&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
		)
		feedback.AddIndex("idx_feedback_station_created", false, "station, created", "")
		feedback.AddIndex("idx_feedback_status", false, "status", "")
		feedback.AddIndex("idx_feedback_kind", false, "kind", "")
		feedback.AddIndex("idx_feedback_created", false, "created", "")
		feedback.AddIndex("idx_feedback_subdivision_created", false, "subdivision, created", "")
		feedback.AddIndex("idx_feedback_district_created", false, "district, created", "")
		feedback.AddIndex("idx_feedback_range_created", false, "range, created", "")
		feedback.AddIndex("idx_feedback_receipt", true, "receipt_hash", "receipt_hash != ''")
		feedback.AddIndex("idx_feedback_device", false, "device_hash, station, created", "device_hash != ''")
		if err := app.Save(feedback); err != nil {
			return err
		}

		contacts := core.NewBaseCollection("contacts")
		contacts.ListRule = types.Pointer(contactRule)
		contacts.ViewRule = types.Pointer(contactRule)
		contacts.Fields.Add(
			&core.RelationField{Name: "feedback", Required: true, CollectionId: feedback.Id, MaxSelect: 1, CascadeDelete: true},
			&core.TextField{Name: "name", Max: 120},
			&core.TextField{Name: "mobile", Max: 20},
			&core.BoolField{Name: "consent"},
			&core.AutodateField{Name: "created", OnCreate: true},
		)
		contacts.AddIndex("idx_contacts_feedback", true, "feedback", "")
		if err := app.Save(contacts); err != nil {
			return err
		}

		followups := core.NewBaseCollection("followups")
		followups.ListRule = types.Pointer(followupRule)
		followups.ViewRule = types.Pointer(followupRule)
		// Officers add to the thread of an item they see, in their own name; nobody edits it.
		followups.CreateRule = types.Pointer(followupRule + ` && author = @request.auth.id`)
		followups.Fields.Add(
			&core.RelationField{Name: "feedback", Required: true, CollectionId: feedback.Id, MaxSelect: 1, CascadeDelete: true},
			&core.RelationField{Name: "author", CollectionId: officers.Id, MaxSelect: 1},
			&core.SelectField{Name: "kind", Required: true, MaxSelect: 1, Values: []string{"note", "instruction", "reply", "status"}},
			&core.TextField{Name: "body", Max: 2000},
			&core.BoolField{Name: "public"},
			&core.SelectField{Name: "from_status", MaxSelect: 1, Values: []string{"new", "in_review", "action_taken", "closed", "spam"}},
			&core.SelectField{Name: "to_status", MaxSelect: 1, Values: []string{"new", "in_review", "action_taken", "closed", "spam"}},
			&core.AutodateField{Name: "created", OnCreate: true},
		)
		followups.AddIndex("idx_followups_feedback", false, "feedback, created", "")
		if err := app.Save(followups); err != nil {
			return err
		}

		digests := core.NewBaseCollection("digests")
		digests.ListRule = types.Pointer(`officer = @request.auth.id`)
		digests.ViewRule = digests.ListRule
		digests.Fields.Add(
			&core.TextField{Name: "day", Required: true, Pattern: `^\d{4}-\d{2}-\d{2}$`, Presentable: true},
			&core.RelationField{Name: "officer", Required: true, CollectionId: officers.Id, MaxSelect: 1, CascadeDelete: true},
			&core.SelectField{Name: "status", Required: true, MaxSelect: 1, Values: []string{"pending", "sent", "failed"}},
			&core.NumberField{Name: "attempts", OnlyInt: true},
			&core.TextField{Name: "last_error", Max: 2000},
			&core.DateField{Name: "sent_at"},
			&core.AutodateField{Name: "created", OnCreate: true},
			&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
		)
		digests.AddIndex("idx_digests_day_officer", true, "day, officer", "")
		return app.Save(digests)
	}, func(app core.App) error {
		for _, name := range []string{"digests", "followups", "contacts", "feedback",
			"questions", "officers", "stations", "areas"} {
			c, err := app.FindCollectionByNameOrId(name)
			if err != nil {
				return err
			}
			if err := app.Delete(c); err != nil {
				return err
			}
		}
		return nil
	})
}
