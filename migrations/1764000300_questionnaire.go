package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

func init() {
	type option struct {
		Value   string `json:"value"`
		LabelEn string `json:"label_en"`
		LabelHi string `json:"label_hi"`
	}

	type question struct {
		key, typ, en, hi string
		kinds            []string
		required         bool
		options          []option
	}

	var (
		experienceOnly  = []string{"experience"}
		experienceOrCom = []string{"experience", "complaint"}
		everyKind       = []string{"experience", "complaint", "tip"}
	)

	// The default questionnaire, from the forms districts already use. The questions keyed
	// rating, visit_date and comment are the feedback item's own fields; the others are kept in
	// its answers, by key.
	defaultQuestions := []question{
		{key: "rating", typ: "rating", kinds: experienceOnly, required: true,
			en: "Overall, how was your experience?", hi: "कुल मिलाकर आपका अनुभव कैसा रहा?"},
		{key: "purpose", typ: "choice", kinds: experienceOrCom, required: true,
			en: "Why did you go to the police station?", hi: "आप थाने किस काम से गए थे?",
			options: []option{
				{"fir", "FIR / complaint", "एफआईआर / शिकायत"},
				{"application", "To give an application", "आवेदन देने"},
				{"verification", "Verification", "सत्यापन (वेरिफिकेशन)"},
				{"lost_article", "Lost article", "गुम सामान की सूचना"},
				{"enquiry", "Called for enquiry", "पूछताछ के लिए बुलाया गया"},
				{"other", "Other", "अन्य"},
			}},
		{key: "complaint_about", typ: "choice", kinds: []string{"complaint"}, required: true,
			en: "What is your complaint about?", hi: "आपकी शिकायत किस बारे में है?",
			options: []option{
				{"bribe", "Money or bribe demanded", "पैसे या रिश्वत माँगी गई"},
				{"behaviour", "Rude or harsh behaviour", "बुरा बर्ताव"},
				{"no_action", "Report not written / no action", "रिपोर्ट नहीं लिखी / कार्रवाई नहीं हुई"},
				{"delay", "Needless delay", "बेवजह देरी"},
				{"other", "Other", "अन्य"},
			}},
		{key: "tip_about", typ: "choice", kinds: []string{"tip"}, required: true,
			en: "What is the information about?", hi: "सूचना किस बारे में है?",
			options: []option{
				{"liquor", "Illegal liquor", "अवैध शराब"},
				{"gambling", "Gambling / satta", "जुआ / सट्टा"},
				{"drugs", "Drugs", "नशीले पदार्थ (ड्रग्स)"},
				{"other", "Other", "अन्य"},
			}},
		{key: "tip_place", typ: "text", kinds: []string{"tip"}, required: true,
			en: "Where is it happening?", hi: "यह कहाँ हो रहा है?"},
		{key: "staff_available", typ: "yesno", kinds: experienceOnly, required: true,
			en: "Was the staff there when you arrived?", hi: "क्या पहुँचने पर स्टाफ मौजूद था?"},
		{key: "staff_helped", typ: "yesno", kinds: experienceOnly, required: true,
			en: "Did the staff help you?", hi: "क्या स्टाफ ने आपकी मदद की?"},
		{key: "behaviour", typ: "rating", kinds: experienceOnly, required: true,
			en: "How was the behaviour of the staff?", hi: "स्टाफ का व्यवहार कैसा था?"},
		{key: "problem_solved", typ: "choice", kinds: experienceOnly, required: true,
			en: "Was your problem solved, or action taken on your complaint?", hi: "क्या आपकी समस्या हल हुई या शिकायत पर कार्रवाई हुई?",
			options: []option{
				{"yes", "Yes", "हाँ"},
				{"partly", "Partly", "कुछ हद तक"},
				{"no", "No", "नहीं"},
			}},
		{key: "time_taken", typ: "choice", kinds: experienceOnly,
			en: "How long did your work take?", hi: "आपके काम में कितना समय लगा?",
			options: []option{
				{"under_15", "Under 15 minutes", "15 मिनट से कम"},
				{"15_60", "15 to 60 minutes", "15 से 60 मिनट"},
				{"over_hour", "More than an hour", "एक घंटे से ज़्यादा"},
			}},
		{key: "cleanliness", typ: "rating", kinds: experienceOnly,
			en: "How clean was the police station?", hi: "थाने में साफ़-सफ़ाई कैसी थी?"},
		{key: "officer_name", typ: "text", kinds: experienceOrCom,
			en: "Name of the officer who attended you (if you wish)", hi: "जिस अधिकारी ने आपकी बात सुनी, उनका नाम (चाहें तो)"},
		{key: "visit_date", typ: "date", kinds: experienceOrCom,
			en: "Date of your visit", hi: "थाने जाने की तारीख"},
		{key: "comment", typ: "text", kinds: everyKind,
			en: "Your suggestions, or tell us what happened", hi: "आपके सुझाव, या पूरी बात बताइए"},
	}

	m.Register(func(app core.App) error {
		questions, err := app.FindCollectionByNameOrId("questions")
		if err != nil {
			return err
		}
		for i, q := range defaultQuestions {
			r := core.NewRecord(questions)
			r.Load(map[string]any{
				"key": q.key, "type": q.typ, "label_en": q.en, "label_hi": q.hi,
				"kinds": q.kinds, "required": q.required, "sort": (i + 1) * 10, "active": true,
			})
			if q.options != nil {
				r.Set("options", q.options)
			}
			if err := app.Save(r); err != nil {
				return err
			}
		}
		return nil
	}, func(app core.App) error {
		_, err := app.DB().NewQuery("DELETE FROM questions").Execute()
		return err
	})
}
