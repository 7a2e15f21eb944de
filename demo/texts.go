package demo

// What citizens write, as they write it: short, plain, sometimes without a full stop. Each
// pool holds Hindi and English texts; an item's language is its text's.

type text struct{ lang, body string }

func hi(body string) text { return text{"hi", body} }
func en(body string) text { return text{"en", body} }

var praise = []text{
	hi("थाने में स्टाफ ने अच्छे से बात की, रिपोर्ट तुरंत लिखी गई।"),
	hi("मुंशी जी ने पूरी बात ध्यान से सुनी और आवेदन की पावती भी दी।"),
	hi("वेरिफिकेशन का काम आधे घंटे में हो गया, धन्यवाद।"),
	hi("महिला स्टाफ ने बहुत सहयोग किया, डर नहीं लगा।"),
	hi("मेरा गुम मोबाइल मिल गया, पुलिस को बहुत धन्यवाद।"),
	hi("पहली बार थाने गया था, उम्मीद से ज़्यादा अच्छा व्यवहार मिला।"),
	hi("टीआई साहब खुद मिले और तुरंत कार्रवाई का भरोसा दिया।"),
	hi("थाना साफ़ था, बैठने और पानी की व्यवस्था अच्छी थी।"),
	hi("शिकायत दर्ज हुई और दो दिन में आरोपी पकड़ा गया।"),
	hi("बुज़ुर्ग हूँ, स्टाफ ने कुर्सी दी और फ़ॉर्म भरने में मदद की।"),
	hi("अच्छा लगा कि पुलिस हमारी राय पूछ रही है।"),
	hi("सब ठीक रहा, बस गाड़ी खड़ी करने की जगह कम है।"),
	hi("बहुत बढ़िया, ऐसे ही काम करते रहें"),
	en("Staff were polite and my complaint was registered quickly."),
	en("Passport verification done in 20 minutes. Very professional."),
	en("Got my lost phone back within a week. Thank you Durg Police!"),
	en("The lady constable at the desk was very helpful."),
	en("Good experience. Officer explained the whole process clearly."),
	en("Clean station, quick service. Keep it up"),
	en("Sir listened to my problem patiently and called the other party the same day."),
	en("FIR written without any hassle, got a copy too."),
	en("Nice to see police asking for feedback."),
}

var mixed = []text{
	hi("काम हो गया पर एक घंटा इंतज़ार करना पड़ा।"),
	hi("स्टाफ ठीक था, लेकिन थाने में बैठने की जगह नहीं है।"),
	hi("आवेदन ले लिया पर कब तक कार्रवाई होगी, किसी ने नहीं बताया।"),
	hi("दोपहर में ड्यूटी वाले साहब नहीं थे, शाम को दोबारा आना पड़ा।"),
	hi("शौचालय बहुत गंदा था, बाकी सब ठीक।"),
	en("Okay experience. Had to come twice for the same paper."),
	en("Work done but the waiting area was very crowded."),
	en("They took my application but gave no receipt."),
	en("Staff were fine, but nobody knew the status of my earlier complaint."),
}

var grievance = []text{
	hi("दो घंटे बैठाए रखा, किसी ने बात नहीं सुनी।"),
	hi("रिपोर्ट लिखने से मना कर दिया, कहा कल आना।"),
	hi("मुंशी ने ठीक से बात नहीं की, बहुत रूखा व्यवहार था।"),
	hi("तीन बार आ चुका हूँ, अब तक मेरी शिकायत पर कुछ नहीं हुआ।"),
	hi("थाने में कोई अधिकारी नहीं मिला, सिपाही ने लौटा दिया।"),
	hi("मोबाइल चोरी की रिपोर्ट नहीं लिखी, सिर्फ़ आवेदन ले लिया।"),
	en("Waited two hours, nobody listened."),
	en("They refused to write my FIR and told me to settle it outside."),
	en("Very rude behaviour at the front desk."),
	en("Third visit for the same complaint, still no action."),
	en("Nobody was at the station at 9 pm."),
}

// complaint is a complaint about police conduct, with the complaint_about option it fits.
type complaint struct {
	about string
	text
}

var complaints = []complaint{
	{"bribe", hi("वेरिफिकेशन के लिए हवलदार ने 500 रुपये माँगे।")},
	{"bribe", hi("गाड़ी छुड़ाने के लिए रिश्वत माँगी गई, कोई रसीद भी नहीं दी।")},
	{"bribe", en("Constable asked for 1000 rupees to release my bike.")},
	{"behaviour", hi("थाने में मेरे भाई के साथ मारपीट की गई।")},
	{"behaviour", hi("रात को थाने बुलाकर धमकी दी गई कि केस वापस लो।")},
	{"behaviour", en("Sub-inspector abused me in front of everyone.")},
	{"no_action", hi("ज़मीन के झगड़े में एक महीने से आवेदन दिया है, कोई कार्रवाई नहीं।")},
	{"no_action", en("My daughter is being harassed on phone, police not registering FIR.")},
	{"delay", hi("ज़ब्त गाड़ी के कागज़ के लिए एक हफ़्ते से चक्कर लगवा रहे हैं।")},
	{"delay", en("Vehicle seized 3 weeks ago, still not returned. They keep saying come tomorrow.")},
	{"other", hi("थाने के सामने पुलिस वाले ही सड़क पर गाड़ियाँ खड़ी करते हैं।")},
}

// tip is a tip-off, with the tip_about option it fits and where it happens.
type tip struct {
	about string
	text
	place string
}

var tips = []tip{
	{"liquor", hi("गाँव में रोज़ शाम को कच्ची शराब बेची जा रही है।"), "पुराने बस स्टैंड के पीछे, वार्ड 12"},
	{"liquor", en("Illegal liquor sold openly near the weekly market."), "Near the haat bazaar"},
	{"gambling", hi("मंदिर के पीछे हर रात जुआ चलता है, बाहर के लोग भी आते हैं।"), "शिव मंदिर के पीछे वाला मैदान"},
	{"gambling", en("Satta being run from a paan shop, slips given openly."), "Paan shop opposite the railway crossing"},
	{"drugs", hi("स्कूल के पास लड़कों को नशे की गोलियाँ बेची जा रही हैं।"), "सरकारी स्कूल के पास वाली गली"},
	{"drugs", en("Ganja being sold to college boys in the evening."), "Behind the college ground"},
	{"other", hi("रात में ट्रैक्टरों से रेत की अवैध ढुलाई हो रही है।"), "नदी घाट, एनीकट के पास"},
}

// Names citizens give for the officer who attended them.
var officerNames = []string{"ASI Verma ji", "हवलदार साहू जी", "SI Kurre", "महिला आरक्षक नेताम", "मुंशी जी", "TI sahab", "प्रधान आरक्षक ठाकुर"}

// Citizens who left their name and mobile, ticking "you may contact me".
var citizenNames = []string{"रमेश कुमार साहू", "सुनीता देवी", "Anil Sharma", "मनोज यादव", "Priya Dewangan", "गीता बाई",
	"Rahul Sinha", "संतोष निषाद", "Kavita Patel", "दिनेश वर्मा", "Imran Khan", "लक्ष्मी ध्रुव"}

// Follow-ups by the officers.
var (
	instructions = []string{
		"थाना प्रभारी आवेदक से संपर्क कर 3 दिन में कार्रवाई की रिपोर्ट भेजें।",
		"मामले की जाँच कर आवश्यक कार्रवाई करें और अवगत कराएँ।",
		"SHO to contact the citizen and report the action taken within 3 days.",
	}
	notes = []string{
		"आवेदक से फ़ोन पर बात हुई, रिपोर्ट दर्ज कर ली गई है।",
		"संबंधित आरक्षक से पूछताछ की गई, उसे चेतावनी दी गई है।",
		"Spoke to the citizen; the application is with the investigating officer.",
	}
	actionReplies = map[string][]string{
		"hi": {"आपकी शिकायत पर कार्रवाई की गई है। असुविधा के लिए खेद है।", "आपकी बात संबंधित थाना प्रभारी तक पहुँचा दी गई है, जल्द कार्रवाई होगी।"},
		"en": {"Action has been taken on your complaint. We regret the inconvenience.", "Your complaint has been passed to the station in-charge for action."},
	}
	thanks = map[string][]string{
		"hi": {"आपके सुझाव के लिए धन्यवाद।", "धन्यवाद, आपकी बात थाना स्टाफ तक पहुँचा दी गई है।"},
		"en": {"Thank you for your feedback.", "Thank you, we have shared your words with the station staff."},
	}
	tipReplies = map[string][]string{
		"hi": {"सूचना के लिए धन्यवाद, जाँच कर कार्रवाई की गई है।"},
		"en": {"Thank you for the information; it was checked and action taken."},
	}
)
