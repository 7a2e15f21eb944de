package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// A reader's review of the questionnaire's words (issue 12): one description label for the
// experience form, the purpose options as answers to "why did you go", "व्यवहार" for
// behaviour, "स्टाफ़" with its nukta as "फ़ोन" has it. A label changes only where it still
// holds the seeded words: a district's own edit in the dashboard is never overwritten. The
// complaint's and the tip's own labels of the shared questions (comment, officer_name) are
// words of the catalogs (submission.Question.For), not rows.
func init() {
	type change struct {
		key, option, field, old, new string // option "" is the question's own label
	}
	changes := []change{
		{"comment", "", "label_hi", "आपके सुझाव, या पूरी बात बताइए", "आपके सुझाव या कोई और बात"},
		{"comment", "", "label_en", "Your suggestions, or tell us what happened", "Your suggestions, or anything else"},
		{"staff_available", "", "label_hi", "क्या पहुँचने पर स्टाफ मौजूद था?", "क्या पहुँचने पर स्टाफ़ मौजूद था?"},
		{"staff_helped", "", "label_hi", "क्या स्टाफ ने आपकी मदद की?", "क्या स्टाफ़ ने आपकी मदद की?"},
		{"behaviour", "", "label_hi", "स्टाफ का व्यवहार कैसा था?", "स्टाफ़ का व्यवहार कैसा था?"},
		{"purpose", "fir", "label_hi", "एफआईआर / शिकायत", "एफआईआर/शिकायत दर्ज कराने"},
		{"purpose", "fir", "label_en", "FIR / complaint", "To register an FIR / complaint"},
		{"purpose", "verification", "label_hi", "सत्यापन (वेरिफिकेशन)", "सत्यापन के लिए"},
		{"purpose", "verification", "label_en", "Verification", "For verification"},
		{"purpose", "lost_article", "label_hi", "गुम सामान की सूचना", "गुम सामान की रिपोर्ट के लिए"},
		{"purpose", "lost_article", "label_en", "Lost article", "To report a lost article"},
		{"purpose", "enquiry", "label_hi", "पूछताछ के लिए बुलाया गया", "पूछताछ के लिए बुलाया गया था"},
		{"purpose", "enquiry", "label_en", "Called for enquiry", "I was called for enquiry"},
		{"purpose", "other", "label_hi", "अन्य", "किसी और काम से"},
		{"purpose", "other", "label_en", "Other", "For something else"},
		{"complaint_about", "behaviour", "label_hi", "बुरा बर्ताव", "बुरा व्यवहार"},
	}
	// apply sets each label from one wording to the other where it still holds the first.
	apply := func(app core.App, forward bool) error {
		for _, c := range changes {
			from, to := c.old, c.new
			if !forward {
				from, to = to, from
			}
			q, err := app.FindFirstRecordByData("questions", "key", c.key)
			if err != nil {
				continue // deleted by the district: nothing to reword
			}
			if c.option == "" {
				if q.GetString(c.field) != from {
					continue
				}
				q.Set(c.field, to)
			} else {
				var options []map[string]any
				if err := q.UnmarshalJSONField("options", &options); err != nil {
					return err
				}
				for _, o := range options {
					if o["value"] == c.option && o[c.field] == from {
						o[c.field] = to
					}
				}
				q.Set("options", options)
			}
			if err := app.Save(q); err != nil {
				return err
			}
		}
		return nil
	}
	m.Register(func(app core.App) error { return apply(app, true) },
		func(app core.App) error { return apply(app, false) })
}
