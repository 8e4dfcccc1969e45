package inbox

import (
	"fmt"
	"net/http"
	"path/filepath"
	"strings"

	"github.com/triage-ar/triage/triage"
)

// MaxFormFile bounds a file attached on the web form.
const MaxFormFile = 10 << 20

// formFileTypes are the files customers may attach on the web form, by
// extension, with the content type they are stored under: proofs of
// payment, invoices, delivery notes, spreadsheets.
var formFileTypes = map[string]string{
	".pdf": "application/pdf", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
	".gif": "image/gif", ".webp": "image/webp", ".txt": "text/plain", ".csv": "text/csv",
	".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".odt":  "application/vnd.oasis.opendocument.text", ".ods": "application/vnd.oasis.opendocument.spreadsheet",
}

// sniffed is what the content of each stored type must look like: a file
// named .pdf that is an HTML page is refused.
var sniffed = map[string]func(detected string) bool{
	"application/pdf": func(d string) bool { return d == "application/pdf" },
	"image/png":       func(d string) bool { return d == "image/png" },
	"image/jpeg":      func(d string) bool { return d == "image/jpeg" },
	"image/gif":       func(d string) bool { return d == "image/gif" },
	"image/webp":      func(d string) bool { return d == "image/webp" },
	"text/plain":      func(d string) bool { return strings.HasPrefix(d, "text/plain") },
	"text/csv":        func(d string) bool { return strings.HasPrefix(d, "text/plain") },
}

// FormFile checks a file a customer attached on the web form and returns it
// as the reply stores it: a known type whose content matches its name, at
// most MaxFormFile bytes. Office documents are zip containers. The name is
// cleaned of what could disguise it (see cleanFileName).
func FormFile(name string, data []byte) (triage.Attachment, error) {
	name = cleanFileName(filepath.Base(strings.ReplaceAll(name, "\\", "/")))
	if len(data) == 0 {
		return triage.Attachment{}, &triage.ValidationError{Field: "attachment", Message: "the file is empty"}
	}
	if len(data) > MaxFormFile {
		return triage.Attachment{}, &triage.ValidationError{Field: "attachment", Message: fmt.Sprintf("the file is over %d MB", MaxFormFile>>20)}
	}
	ct, ok := formFileTypes[strings.ToLower(filepath.Ext(name))]
	if !ok {
		return triage.Attachment{}, &triage.ValidationError{Field: "attachment", Message: "this type of file is not accepted"}
	}
	detected := http.DetectContentType(data)
	match, known := sniffed[ct]
	if known && !match(detected) || !known && detected != "application/zip" {
		return triage.Attachment{}, &triage.ValidationError{Field: "attachment", Message: "the file's content does not match its name"}
	}
	return triage.Attachment{Name: name, ContentType: ct, Size: len(data), Data: data,
		Remittance: ct == "application/pdf" || strings.HasPrefix(ct, "image/")}, nil
}
