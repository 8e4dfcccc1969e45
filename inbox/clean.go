package inbox

import (
	"bytes"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Cleaned is a reply body split into what the customer wrote now and what it quotes.
type Cleaned struct {
	Text      string // the customer's new words: no quoted history, no signature, no disclaimer; greetings kept
	Quoted    string // the quoted previous messages (the reminder), kept for item matching
	Signature string // the signature / disclaimer block removed from Text, if any
}

// Headers, attributions, sign-offs and footers are short lines. Longer lines
// are never taken for one, and only their first bytes are ever given to a
// regexp, so a 10 MB single-line body costs no more than a short one.
const (
	maxHeaderLineLen = 400 // bytes; an attribution may hold two names and two addresses
	maxShortLineLen  = 240 // bytes; sign-offs, footers, separators
	disclaimerPrefix = 400 // bytes of a line searched for a disclaimer's opening words
	maxSignOffLen    = 100 // bytes; "Thank you very much and kind regards, Jean-Pierre Dupont"
	maxGreetingLen   = 40  // bytes of a line looked at for a greeting
	maxSigLines      = 10  // non-blank lines a signature block may hold after its sign-off
	maxAttrWrap      = 3   // lines an attribution may wrap over
	headerLookahead  = 6   // lines after "From:" searched for the rest of an Outlook header block
)

// sp matches the spaces mail clients put around a colon: French typography
// puts a no-break or narrow no-break space before it.
const sp = `[\s\x{00A0}\x{202F}]`

var (
	// Attributions: "Le … a écrit :", "On … wrote:", "Am … schrieb X:",
	// "El … escribió:", "Il giorno … ha scritto:", "Op … schreef X:".
	attrIntroRe = regexp.MustCompile(`^(?i:le|on|am|el|il giorno|il|op|em|den)` + sp)
	attrVerbRe  = regexp.MustCompile(`(?i:\b(?:a écrit|a ecrit|wrote|escribió|escribio|ha scritto|escreveu|skrev)(?:\s+(?:on|le|sur|el|il|em)\s.*)?|\b(?:schrieb|schreef)\b.*)` + sp + `*:` + sp + `*$`)
	// A name-first attribution without an address: "Anna schrieb am
	// 17.11.2025 um 09:12:", Lotus Notes' "Anna Martin/DELMAS wrote on 17/11/2025 09:12:".
	attrDatedRe = regexp.MustCompile(`(?i:\b(?:schrieb am|schreef op|wrote on)\b)`)

	// Separators above a quoted or forwarded message.
	quoteSeparatorRe = regexp.MustCompile(`^(?i:[-_=*]{2,}` + sp + `*(?:original message|message d['’]origine|original-nachricht|ursprüngliche nachricht|forwarded message|message transféré|message transfere|weitergeleitete nachricht|mensaje original|mensaje reenviado|messaggio originale|messaggio inoltrato|oorspronkelijk bericht|origineel bericht|doorgestuurd bericht)` + sp + `*[-_=*]*)$`)
	forwardIntroRe   = regexp.MustCompile(`^(?i:begin forwarded message|début du message réexpédié|début du message transféré|anfang der weitergeleiteten nachricht|inicio del mensaje reenviado|comienzo del mensaje reenviado|inizio messaggio inoltrato|begin doorgestuurd bericht)` + sp + `*:$`)

	// Mobile and webmail footers: a client phrase and a device or app name.
	footerIntroRe  = regexp.MustCompile(`^(?i:envoyé de|envoyé depuis|envoyé à partir de|envoye de|envoye depuis|envoye a partir de|sent from|sent with|sent via|sent using|get outlook|obtenir outlook|télécharger outlook|téléchargez outlook|von meinem|gesendet von|gesendet mit|enviado desde|enviado con|enviado de|inviato da|inviato dal|inviato con|verzonden vanaf|verzonden met|verstuurd vanaf|verstuurd met|scarica outlook|descargar outlook|obtener outlook|outlook voor|outlook für|outlook pour|outlook for)\b`)
	footerDeviceRe = regexp.MustCompile(`(?i:iphone|ipad|android|samsung|galaxy|outlook|mobile|smartphone|tablet|tablette|handy|móvil|movil|mobiel|cellulare|blackberry|huawei|xiaomi|yahoo|gmail|windows|mail)`)

	// Legal notices and print reminders, matched against the start of a line
	// once disclaimerStems says the line may hold one: this regexp is slow.
	disclaimerRe = regexp.MustCompile(`(?i:` +
		`^(?:confidentiality notice|confidential(?:ity)?:|disclaimer|avertissement|avis de confidentialité|clause de confidentialité|haftungsausschluss|vertraulichkeitshinweis|aviso legal|aviso de confidencialidad|avviso di riservatezza|informativa privacy)` +
		`|(?:ce|cet|le présent)\s+(?:message|courriel|e-?mail|mail)\b.{0,120}(?:confidenti|strictement réservé|destinataire)` +
		`|(?:informations?|contenu)\s+(?:contenues?|contenu)\s+dans\s+(?:ce|cet)\s+(?:message|courriel|e-?mail|mail).{0,80}confidenti` +
		`|this\s+(?:e-?mail|message|communication|transmission)\b.{0,120}(?:confidential|privileged|intended (?:solely|only))` +
		`|(?:the )?information contained in this\s+(?:e-?mail|message|communication)` +
		`|diese\s+(?:e-?mail|nachricht)\b.{0,120}(?:vertraulich|ausschließlich|ausschliesslich|bestimmt)` +
		`|este\s+(?:mensaje|correo|e-?mail)\b.{0,120}(?:confidencial|destinatario)` +
		`|(?:questo|il presente)\s+(?:messaggio|e-?mail)\b.{0,120}(?:riservat|confidenzial|destinatari)` +
		`|(?:dit|deze)\s+(?:e-?mail|bericht)\b.{0,120}(?:vertrouwelijk|uitsluitend bestemd)` +
		`|consider the environment|think before (?:you )?print|pensez à l['’]environnement|penser à l['’]environnement|respectez l['’]environnement|n['’]imprimez ce|avant d['’]imprimer` +
		`|denken sie an die umwelt|bevor sie diese (?:e-?mail|nachricht) ausdrucken|antes de imprimir|rispetta l['’]ambiente|prima di stampare|denk aan het milieu|voordat u (?:dit|deze) .{0,30}print` +
		`)`)
	postscriptRe = regexp.MustCompile(`^(?i:p\.? ?s\.?)\b`)
)

// disclaimerStems: every disclaimerRe alternative holds one of these
// (ASCII, lower case); a line without any is no disclaimer.
var disclaimerStems = [][]byte{
	[]byte("confiden"), []byte("destinat"), []byte("strictement"), []byte("privileged"),
	[]byte("intended"), []byte("information contained"), []byte("vertraulich"), []byte("ausschlie"),
	[]byte("bestimmt"), []byte("riservat"), []byte("vertrouwelijk"), []byte("uitsluitend"),
	[]byte("environ"), []byte("print"), []byte("imprim"), []byte("umwelt"), []byte("druck"),
	[]byte("ambiente"), []byte("stampa"), []byte("milieu"), []byte("disclaimer"),
	[]byte("avertissement"), []byte("haftungsausschluss"), []byte("aviso"), []byte("informativa"),
}

// Sign-offs end a message: "Cordialement", "Kind regards", "Mit freundlichen
// Grüßen", "Saludos", "Cordiali saluti", "Met vriendelijke groet"…
var signOffPhrases = phraseSet(
	"cordialement", "bien cordialement", "très cordialement", "tres cordialement", "cdlt", "cdt",
	"bien à vous", "bien a vous", "salutations", "sincères salutations", "meilleures salutations",
	"bien sincères salutations", "salutations distinguées", "salutations cordiales",
	"bonne journée", "bonne fin de journée", "bonne soirée", "belle journée", "à bientôt",
	"amicalement", "respectueusement",
	"kind regards", "best regards", "warm regards", "warmest regards", "kindest regards",
	"with kind regards", "with best regards", "regards", "best wishes", "best", "sincerely",
	"yours sincerely", "yours faithfully", "yours truly", "cheers", "all the best",
	"thanks and regards", "thanks & regards", "br", "kr",
	"mit freundlichen grüßen", "mit freundlichen grüssen", "freundliche grüße", "freundliche grüsse",
	"viele grüße", "viele grüsse", "beste grüße", "beste grüsse", "liebe grüße", "liebe grüsse",
	"schöne grüße", "schöne grüsse", "herzliche grüße", "herzliche grüsse", "danke und gruß",
	"danke und gruss", "danke & gruß", "danke und viele grüße", "danke und viele grüsse",
	"mfg", "vg", "lg", "gruß", "gruss", "grüße", "grüsse",
	"saludos", "un saludo", "saludos cordiales", "un cordial saludo", "atentamente", "cordialmente",
	"cordiali saluti", "distinti saluti", "tanti saluti", "saluti", "un saluto", "buona giornata",
	"met vriendelijke groet", "met vriendelijke groeten", "vriendelijke groet", "vriendelijke groeten",
	"mvg", "met hartelijke groet", "hartelijke groet", "hartelijke groeten", "groeten", "groet",
)

// Thanks end a message only when a signature follows them.
var thanksPhrases = phraseSet(
	"merci", "merci beaucoup", "merci bien", "merci d'avance", "merci par avance", "merci à vous",
	"merci a vous", "merci encore",
	"thanks", "thank you", "thanks a lot", "thank you very much", "thanks in advance",
	"thank you in advance", "thanks again", "many thanks", "thx",
	"danke", "danke schön", "danke sehr", "danke im voraus", "vielen dank", "vielen dank im voraus", "besten dank",
	"gracias", "muchas gracias", "gracias de antemano", "gracias por adelantado",
	"grazie", "grazie mille", "grazie in anticipo",
	"bedankt", "alvast bedankt", "dank u", "dank u wel", "dank je", "dank je wel",
)

// Greetings open a message ("Bonjour,", "Hello Anna,"); they stay in Text.
var greetingPhrases = phraseSet(
	"bonjour", "bonsoir", "salut", "hello", "hi", "hey", "dear", "good morning", "good afternoon",
	"hallo", "guten tag", "guten morgen", "sehr geehrte", "sehr geehrter", "liebe", "lieber",
	"hola", "buenos días", "buenas tardes", "buenas", "estimado", "estimada", "estimados", "estimadas",
	"buongiorno", "salve", "gentile", "egregio", "ciao", "beste", "geachte", "goedemorgen", "goedemiddag",
	"madame", "monsieur", "mesdames", "messieurs", "chère", "cher",
)

// Outlook header blocks: a "From:" line, then Sent/Date, To, Cc, Subject,
// in the languages of the customers.
var (
	headerFromLabels = phraseSet("from", "de", "von", "da", "van", "expéditeur", "absender",
		"remitente", "mittente", "afzender")
	headerFieldLabels = phraseSet("sent", "date", "envoyé le", "envoyé", "envoye", "gesendet",
		"datum", "enviado el", "enviado", "fecha", "inviato", "data", "verzonden", "verstuurd",
		"to", "à", "a", "an", "para", "aan", "destinataire", "destinataires", "pour",
		"cc", "cci", "bcc", "kopie", "objet", "subject", "betreff", "asunto", "oggetto", "onderwerp",
		"sujet", "reply-to", "répondre à", "importance", "priorité")
)

// headerLabel returns the lower-case label of a "Label: value" header line
// ("*De :*" gives "de"), or "" when the line does not start with one.
func headerLabel(line string) string {
	const maxLabel = 32
	head := prefix(line, maxLabel)
	colon := strings.IndexAny(head, ":：")
	if colon <= 0 {
		return ""
	}
	label := strings.TrimFunc(head[:colon], func(r rune) bool { return r == '*' || unicode.IsSpace(r) })
	if label == "" {
		return ""
	}
	return strings.ToLower(label)
}

// legalWords mark company legal mentions in a signature.
var legalWords = phraseSet(
	"sas", "sarl", "s.a.s", "s.a", "gmbh", "kg", "ltd", "llc", "inc", "plc", "b.v", "bv", "n.v",
	"s.l", "s.r.l", "srl", "spa", "s.p.a", "rcs", "siret", "siren", "tva", "vat", "hrb", "amtsgericht",
	"ust-id", "ustid", "cif", "nif", "iva", "p.iva", "kvk", "btw", "capital", "registered",
)

const maxPhraseWords = 4

func phraseSet(phrases ...string) map[string]bool {
	m := make(map[string]bool, len(phrases))
	for _, p := range phrases {
		m[p] = true
	}
	return m
}

// CleanBody isolates the customer's new text from a plain-text reply body.
//
// Quote attributions, separators and Outlook header blocks cut the body:
// what follows goes to Quoted. Lines marked with ">" go to Quoted wherever
// they are, so answers written between quoted lines stay in Text. A
// signature, mobile footer or legal notice at the end of Text moves to
// Signature. When nothing would be left in Text, Text is the whole body
// without its quote markers: the cleaner may fail to isolate, never lose.
func CleanBody(body string) Cleaned {
	lines := splitBodyLines(body)
	var text, quoted []string
	cut := false    // a block quoted without markers has begun; the rest is history
	lastQuoted := 0 // index after the last line put in quoted
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		if (cut || quoteMarked(line)) && lastQuoted > 0 && lastQuoted < i {
			// Quoted runs split by inline answers stay apart in Quoted.
			quoted = append(quoted, "")
		}
		switch {
		case cut || quoteMarked(line):
			quoted = append(quoted, unquoteLine(line))
			lastQuoted = i + 1
			continue
		case line == "":
			if len(text) > 0 && text[len(text)-1] != "" { // tidyLines keeps one anyway
				text = append(text, line)
			}
			continue
		case isQuoteSeparator(line) || outlookHeaderBlock(lines, i) || ruleBeforeHeaderBlock(lines, i):
			cut = true
			quoted = append(quoted, line)
			lastQuoted = i + 1
			continue
		}
		if n := attributionLines(lines, i); n > 0 {
			quoted = append(quoted, lines[i:i+n]...)
			lastQuoted = i + n
			// Gmail and Thunderbird mark the quote with ">": the customer may
			// have answered between or below the quoted lines, so read on.
			// Without markers the attribution opens the history.
			cut = !nextNonBlankMarked(lines, i+n)
			i += n - 1
			continue
		}
		text = append(text, line)
	}

	text = tidyLines(text)
	var sig []string
	if at := signatureStart(text); at >= 0 {
		sig = tidyLines(text[at:])
		text = tidyLines(text[:at])
	}
	if len(text) == 0 {
		all := make([]string, len(lines))
		for i, l := range lines {
			all[i] = unquoteLine(l)
		}
		return Cleaned{Text: strings.Join(tidyLines(all), "\n")}
	}
	return Cleaned{
		Text:      strings.Join(text, "\n"),
		Quoted:    strings.Join(tidyLines(quoted), "\n"),
		Signature: strings.Join(sig, "\n"),
	}
}

// splitBodyLines normalizes line endings and splits the body into lines.
func splitBodyLines(body string) []string {
	if strings.IndexByte(body, '\r') >= 0 {
		body = strings.ReplaceAll(body, "\r\n", "\n")
		body = strings.ReplaceAll(body, "\r", "\n")
	}
	return strings.Split(body, "\n")
}

// quoteMarked reports whether a line is quoted with ">" (RFC 3676 style).
func quoteMarked(line string) bool {
	return strings.HasPrefix(line, ">")
}

// unquoteLine removes the ">" markers, nested or not, from a quoted line.
func unquoteLine(line string) string {
	if !quoteMarked(line) {
		return line
	}
	return strings.TrimLeft(line, "> \t")
}

func nextNonBlankMarked(lines []string, from int) bool {
	for j := from; j < len(lines); j++ {
		if !isBlank(lines[j]) {
			return quoteMarked(lines[j])
		}
	}
	return false
}

func isBlank(line string) bool {
	return strings.TrimSpace(line) == ""
}

// prefix returns at most n leading bytes of s, for regexps anchored at the start.
func prefix(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// attributionLines reports how many lines (0 when none) the quote
// attribution starting at lines[i] takes. Gmail wraps long attributions,
// often inside the address: "… Anna Martin <\nanna@x.fr> a écrit :".
func attributionLines(lines []string, i int) int {
	t := strings.TrimSpace(lines[i])
	if t == "" || len(t) > maxHeaderLineLen {
		return 0
	}
	if isAttribution(t) {
		return 1
	}
	if !strings.ContainsAny(t, "0123456789") || !attrIntroRe.MatchString(t) {
		return 0
	}
	joined := t
	for k := 1; k < maxAttrWrap && i+k < len(lines); k++ {
		next := strings.TrimSpace(lines[i+k])
		if next == "" || quoteMarked(next) || len(next) > maxHeaderLineLen {
			return 0
		}
		// A line that could open an attribution of its own is not the
		// continuation of this one: "Le paiement est parti.\nLe lun. … a écrit :".
		if attrIntroRe.MatchString(next) {
			return 0
		}
		joined += " " + next
		if isAttribution(joined) {
			return k + 1
		}
	}
	return 0
}

// isAttribution reports whether s (trimmed) is a whole attribution line. It
// must carry a date or an address, which prose such as "Le comptable a
// écrit :" lacks.
func isAttribution(s string) bool {
	if !strings.HasSuffix(s, ":") || !strings.ContainsAny(s, "0123456789@") || !attrVerbRe.MatchString(s) {
		return false
	}
	if attrIntroRe.MatchString(s) || strings.Contains(s, "@") {
		return true
	}
	return attrDatedRe.MatchString(s)
}

func isQuoteSeparator(line string) bool {
	t := strings.TrimSpace(line)
	if t == "" || len(t) > maxShortLineLen {
		return false
	}
	switch t[0] {
	case '-', '_', '=', '*':
		return quoteSeparatorRe.MatchString(t)
	case 'B', 'b', 'D', 'd', 'A', 'a', 'I', 'i', 'C', 'c':
		return forwardIntroRe.MatchString(t)
	}
	return false
}

// outlookHeaderBlock reports whether lines[i] opens an Outlook-style header
// block: a From line and at least two more header fields right after it,
// so that prose starting "From: " does not cut the message.
func outlookHeaderBlock(lines []string, i int) bool {
	if !headerFromLabels[headerLabel(lines[i])] {
		return false
	}
	fields := 0
	for j := i + 1; j < len(lines) && j <= i+headerLookahead; j++ {
		if headerFieldLabels[headerLabel(lines[j])] {
			fields++
			if fields == 2 {
				return true
			}
		}
	}
	return false
}

// ruleBeforeHeaderBlock reports whether lines[i] is the rule of underscores
// (or dashes) Outlook draws right above its header block.
func ruleBeforeHeaderBlock(lines []string, i int) bool {
	t := strings.TrimSpace(lines[i])
	if len(t) < 10 || len(t) > maxShortLineLen || (strings.Trim(t, "_") != "" && strings.Trim(t, "-") != "") {
		return false
	}
	for j := i + 1; j < len(lines) && j <= i+2; j++ {
		if !isBlank(lines[j]) {
			return outlookHeaderBlock(lines, j)
		}
	}
	return false
}

// tidyLines trims trailing spaces, turns runs of blank lines into one blank
// line and drops blank lines at both ends.
func tidyLines(lines []string) []string {
	out := make([]string, 0, len(lines))
	blank := false
	for _, l := range lines {
		l = strings.TrimRightFunc(l, unicode.IsSpace)
		if strings.TrimSpace(l) == "" {
			blank = len(out) > 0
			continue
		}
		if blank {
			out = append(out, "")
			blank = false
		}
		out = append(out, l)
	}
	return out
}

// lineKind is what a line of Text is to signature detection.
type lineKind uint8

const (
	kindUnknown lineKind = iota // not classified yet
	kindBlank
	kindText
	kindEnd     // "--", a mobile footer or a disclaimer: the signature starts here
	kindSignOff // "Cordialement": the signature starts here if one follows
	kindThanks  // "Merci": likewise, if a non-empty signature follows
)

// sigScan classifies the lines of Text, each at most once, so that looking
// ahead from every sign-off stays linear.
type sigScan struct {
	lines []string
	kind  []lineKind
	like  []int8 // sigLikeLine: 0 not computed, 1 yes, -1 no
}

func (s *sigScan) kindOf(i int) lineKind {
	if s.kind[i] == kindUnknown {
		s.kind[i] = classifyLine(strings.TrimSpace(s.lines[i]))
	}
	return s.kind[i]
}

func (s *sigScan) sigLike(i int) bool {
	if s.like[i] == 0 {
		s.like[i] = -1
		if sigLikeLine(strings.TrimSpace(s.lines[i])) {
			s.like[i] = 1
		}
	}
	return s.like[i] == 1
}

func classifyLine(t string) lineKind {
	switch {
	case t == "":
		return kindBlank
	case t == "--" || isFooter(t) || isDisclaimer(t):
		return kindEnd
	}
	switch phraseLine(t, signOffPhrases, thanksPhrases) {
	case 1:
		return kindSignOff
	case 2:
		return kindThanks
	}
	return kindText
}

// signatureStart returns the index in lines (tidied Text) where the
// signature, footer or disclaimer begins, or -1. A sign-off never takes all
// of Text: something the customer wrote must come before it.
func signatureStart(lines []string) int {
	s := &sigScan{lines: lines, kind: make([]lineKind, len(lines)), like: make([]int8, len(lines))}
	seenText := false // any line before, greetings included
	seenBody := false // a line that is not a greeting
	for i := range lines {
		switch s.kindOf(i) {
		case kindBlank:
			continue
		case kindEnd:
			return i
		case kindSignOff:
			if seenText && s.signatureFollows(i+1, 0) {
				return i
			}
		case kindThanks:
			if seenBody && s.signatureFollows(i+1, 1) {
				return i
			}
		}
		seenText = true
		if !seenBody && phraseLine(strings.TrimSpace(lines[i]), greetingPhrases, nil) == 0 {
			seenBody = true
		}
	}
	return -1
}

// signatureFollows reports whether the lines from 'from' on look like a
// signature block of at least min lines: up to maxSigLines short lines of
// names, titles, phones, addresses, links or legal mentions, possibly ended
// by a footer or a disclaimer.
func (s *sigScan) signatureFollows(from, min int) bool {
	n := 0
	for j := from; j < len(s.lines); j++ {
		switch s.kindOf(j) {
		case kindBlank:
			continue
		case kindEnd:
			return n >= min
		}
		n++
		if n > maxSigLines || !s.sigLike(j) {
			return false
		}
	}
	return n >= min
}

// phraseLine reports whether line t is a phrase of set1 (1) or set2 (2),
// optionally followed by a name, or neither (0). For greetings (set2 nil)
// anything may follow: "Bonjour Madame Martin, merci pour…". Thanks joined
// to a sign-off ("Merci et bonne journée") and bilingual sign-offs ("Mit
// freundlichen Grüßen / Kind regards") count as the sign-off.
func phraseLine(t string, set1, set2 map[string]bool) int {
	if set2 == nil {
		t = prefix(t, maxGreetingLen) // only the first words matter
	}
	t = strings.TrimRight(t, " \t,.!;:")
	if len(t) > maxSignOffLen || t == "" {
		return 0
	}
	orig := strings.Fields(t)
	words := make([]string, len(orig))
	for i, w := range orig {
		words[i] = strings.TrimRight(strings.ReplaceAll(strings.ToLower(w), "’", "'"), ",.!;:")
	}
	which, k := 1, leadingPhrase(words, set1)
	if k == 0 && set2 != nil {
		which, k = 2, leadingPhrase(words, set2)
	}
	switch {
	case k == 0:
		return 0
	case set2 == nil || nameTail(orig[k:]):
		return which
	}
	rest, restOrig := words[k:], orig[k:]
	for len(rest) > 1 && phraseJoiners[rest[0]] {
		rest, restOrig = rest[1:], restOrig[1:]
	}
	if j := leadingPhrase(rest, set1); j > 0 && nameTail(restOrig[j:]) {
		return 1
	}
	return 0
}

var (
	phraseJoiners = phraseSet("et", "and", "&", "und", "y", "e", "en", "/", "|", "-", "–", "—")
	// namePrepositions may open the tail of a sign-off: "Viele Grüße aus Hamburg".
	namePrepositions = phraseSet("aus", "from", "de", "du", "depuis", "von", "van", "uit", "da", "dal", "desde")
)

// leadingPhrase returns how many of the leading words make the longest
// phrase of set, or 0.
func leadingPhrase(words []string, set map[string]bool) int {
	for k := min(maxPhraseWords, len(words)); k >= 1; k-- {
		if set[strings.Join(words[:k], " ")] {
			return k
		}
	}
	return 0
}

// nameTail reports whether words can be what follows a sign-off on its line
// ("Cordialement, Anna Martin", "Viele Grüße aus Hamburg"): at most four
// capitalised words, so that "Cordialement nous avons payé" is no sign-off.
func nameTail(words []string) bool {
	for len(words) > 0 && strings.Trim(words[0], "-–—,/|") == "" {
		words = words[1:]
	}
	if len(words) > 1 && namePrepositions[words[0]] {
		words = words[1:]
	}
	if len(words) > maxPhraseWords {
		return false
	}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			return false
		}
		for _, r := range w {
			if !unicode.IsLetter(r) && !strings.ContainsRune("'’.-,", r) {
				return false
			}
		}
	}
	return true
}

func isFooter(t string) bool {
	// Every footerIntroRe phrase starts with one of these letters.
	if t == "" || !strings.ContainsRune("EeSsGgOoTtVvIiDd", rune(t[0])) {
		return false
	}
	return len(t) <= maxShortLineLen && utf8.RuneCountInString(t) <= 100 &&
		footerIntroRe.MatchString(t) && footerDeviceRe.MatchString(t)
}

func isDisclaimer(t string) bool {
	t = prefix(t, disclaimerPrefix)
	var buf [disclaimerPrefix]byte
	lower := buf[:len(t)]
	for i := 0; i < len(t); i++ {
		c := t[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		lower[i] = c
	}
	for _, stem := range disclaimerStems {
		if bytes.Contains(lower, stem) {
			return disclaimerRe.MatchString(t)
		}
	}
	return false
}

// sigLikeLine reports whether t could be a line of a signature rather than
// a sentence the customer wrote.
func sigLikeLine(t string) bool {
	if len(t) > 800 || (t[0]|0x20 == 'p' && postscriptRe.MatchString(t)) || strings.HasSuffix(t, "?") {
		return false
	}
	runes := utf8.RuneCountInString(t)
	words := strings.Fields(t)
	legal := hasLegalWord(words)
	sentence := len(words) >= 6 && strings.ContainsAny(t[len(t)-1:], ".!")
	if runes <= 200 && (legal || strings.ContainsAny(t, "0123456789@") || strings.Contains(t, "www.") || strings.Contains(t, "://")) {
		// "ACME SAS au capital de 100 000 € – RCS Paris 123 456 789."
		// but not "Nous avons payé la facture F-2291 le 12/11 par virement."
		return legal || !sentence
	}
	return runes <= 100 && !sentence && len(words) <= 12
}

func hasLegalWord(words []string) bool {
	for _, w := range words {
		w = strings.ToLower(strings.Trim(w, ".,;:()|–-"))
		if legalWords[w] {
			return true
		}
	}
	return false
}

// subjectPrefixRe matches one reply, forward or external-sender tag at the
// start of a subject; StripSubjectPrefixes removes them one at a time.
var subjectPrefixRe = regexp.MustCompile(`^[\s\x{00A0}]*(?:(?i:re|aw|antw|antwort|tr|rv|sv|vs|fw|fwd|wg|r|i|rif|enc|res|doorst|odp|ynt)(?:\[\d+\]|\(\d+\))?[\s\x{00A0}\x{202F}]*[:：]|\[(?i:ext|external|externe|extern|externo|esterno)\]|(?i:ext|external|externe):)[\s\x{00A0}\x{202F}]*`)

// StripSubjectPrefixes removes reply/forward prefixes: "RE:", "Re :", "AW:", "TR:", "RV:", "SV:", "Fwd:", "FW:", "WG:", "R:", "Antw:", "[EXT]" etc., repeated ("RE: TR: RE: ...").
func StripSubjectPrefixes(subject string) string {
	s := subject
	for {
		loc := subjectPrefixRe.FindStringIndex(s)
		if loc == nil || loc[1] == 0 {
			break
		}
		s = s[loc[1]:]
	}
	return strings.TrimSpace(s)
}
