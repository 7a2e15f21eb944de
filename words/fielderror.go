package words

// FieldError is a field's message for PocketBase's error body (in validation.Errors), kept as
// written. PocketBase ends any other message with "." unless it ends in ".", "?" or "!", so a
// Hindi sentence would get one after its own full stop (the danda); the catalog's messages end
// in their own.
func FieldError(code, message string) error { return fieldError{code, message} }

type fieldError struct{ code, message string }

// Code is the error's code in PocketBase's body.
func (e fieldError) Code() string { return e.code }

func (e fieldError) Error() string { return e.message }

// Resolve is how PocketBase's error body takes the message: as it is.
func (e fieldError) Resolve(data map[string]any) any {
	data["message"] = e.message
	return data
}
