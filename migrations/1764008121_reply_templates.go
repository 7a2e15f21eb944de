package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// Canned public replies: a few templates per district, in English (replies) and Hindi
// (replies_hi), one reply each, which the console offers when an officer replies to a
// citizen; the district's officers edit them in Settings. Every row (each district's and the
// deployment's, which new districts start from) gets the same three to begin with.
func init() {
	en := []string{
		"Thank you for your feedback. We have noted it and the station in-charge has been told.",
		"Thank you. Your complaint is being looked into by a senior officer; you will get an answer here.",
		"Thank you for the information. Action is being taken; your name is kept secret.",
	}
	hi := []string{
		"आपके फ़ीडबैक के लिए धन्यवाद। हमने इसे दर्ज कर लिया है और थाना प्रभारी को बता दिया है।",
		"धन्यवाद। आपकी शिकायत की समीक्षा एक वरिष्ठ अधिकारी कर रहे हैं; जवाब यहीं मिलेगा।",
		"सूचना के लिए धन्यवाद। कार्रवाई की जा रही है; आपका नाम गुप्त रखा गया है।",
	}
	m.Register(func(app core.App) error {
		config, err := app.FindCollectionByNameOrId("config")
		if err != nil {
			return err
		}
		config.Fields.Add(
			&core.JSONField{Name: "replies", MaxSize: 20000, Help: "Canned public replies in English, one per entry."},
			&core.JSONField{Name: "replies_hi", MaxSize: 20000, Help: "Canned public replies in Hindi, one per entry."},
		)
		if err := app.Save(config); err != nil {
			return err
		}
		rows, err := app.FindAllRecords(config)
		if err != nil {
			return err
		}
		for _, row := range rows {
			row.Set("replies", en)
			row.Set("replies_hi", hi)
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
		config.Fields.RemoveByName("replies")
		config.Fields.RemoveByName("replies_hi")
		return app.Save(config)
	})
}
