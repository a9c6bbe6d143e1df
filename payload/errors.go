package payload

// InputError is bad input: an unreadable or malformed payload. The CLI maps it to exit code 2.
type InputError struct {
	Source string // file name, "stdin", or a URL with no secret in it
	Msg    string
}

func (e *InputError) Error() string { return e.Source + ": " + e.Msg }

// ExitCode is the process exit code for this error.
func (e *InputError) ExitCode() int { return 2 }

// FetchError is a payload that could not be fetched (network, HTTP status,
// auth). The CLI maps it to exit code 3. Its message never contains the SDK key.
type FetchError struct {
	URL    string // base URI and path only
	Status int    // HTTP status, 0 when no response
	Msg    string
}

func (e *FetchError) Error() string { return e.URL + ": " + e.Msg }

// ExitCode is the process exit code for this error.
func (e *FetchError) ExitCode() int { return 3 }
