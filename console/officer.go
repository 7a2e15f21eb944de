package console

import (
	"reflect"
	"slices"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"anubhav/words"
)

// SelfEditable are the fields of its own record that an officer changes itself: its language,
// phone and digest choice, and its password (with PocketBase's passwordConfirm and
// oldPassword, which are not fields). Name, rank, email, role, station, area and the rest are
// the system administrator's: a name shows on every thread, a role or unit is a scope.
var SelfEditable = []string{"lang", "phone", "digest"}

// passwordFields change with the password itself.
var passwordFields = []string{core.FieldNamePassword, core.FieldNameTokenKey}

// SelfUpdate checks an officer's change of an officers record (changed holds the new values,
// its Original the stored ones): only its own record, and there only SelfEditable and the
// password. Every other field that would change gets an error, in the officer's language.
func SelfUpdate(officer, changed *core.Record) error {
	if officer == nil || changed.Id != officer.Id {
		return ErrForbidden
	}
	lang := officer.GetString("lang")
	errs := validation.Errors{}
	original := changed.Original()
	for _, f := range changed.Collection().Fields {
		name := f.GetName()
		if _, auto := f.(*core.AutodateField); auto || slices.Contains(SelfEditable, name) || slices.Contains(passwordFields, name) {
			continue
		}
		if reflect.DeepEqual(changed.GetRaw(name), original.GetRaw(name)) {
			continue
		}
		errs[name] = notSelfEditable(lang)
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// NoEmailChange refuses an officer's request to change its own email (PocketBase's
// request-email-change): the email is the system administrator's to set.
func NoEmailChange(officer *core.Record) error {
	return validation.Errors{"newEmail": notSelfEditable(officer.GetString("lang"))}
}

func notSelfEditable(lang string) error {
	return words.FieldError("not_self_editable", words.T(lang, "error.not_self_editable"))
}
