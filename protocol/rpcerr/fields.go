package rpcerr

// The parameter errors rippled's handlers share (ErrorCodes.h
// missing_field_error, invalid_field_error, object_field_error,
// expected_field_error): all invalidParams (31) with rippled's texts.

// MissingField reports a required request field that is absent:
// "Missing field 'name'.".
func MissingField(name string) *Error {
	return &Error{Code: InvalidParams, Message: "Missing field '" + name + "'."}
}

// InvalidField reports a request field with a bad value:
// "Invalid field 'name'.".
func InvalidField(name string) *Error {
	return &Error{Code: InvalidParams, Message: "Invalid field '" + name + "'."}
}

// ObjectField reports a request field that should be a JSON object:
// "Invalid field 'name', not object.".
func ObjectField(name string) *Error {
	return ExpectedField(name, "object")
}

// ExpectedField reports a request field of the wrong JSON type:
// "Invalid field 'name', not typ.", e.g. ExpectedField("limit", "unsigned
// integer").
func ExpectedField(name, typ string) *Error {
	return &Error{Code: InvalidParams, Message: "Invalid field '" + name + "', not " + typ + "."}
}
