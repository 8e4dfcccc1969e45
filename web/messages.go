package web

// messages holds the sentences handlers choose (error pages, flashes,
// validation messages) and the whole customer form, which speaks French or
// English. Staff pages keep their French text in the templates. A later
// i18n change replaces this map and those templates, nothing else.
var messages = map[string]map[string]string{
	"fr": {
		"badrequest.title": "Demande incorrecte",
		"badrequest.text":  "La demande est incomplète ou mal formée. Rechargez la page et recommencez.",
		"csrf.title":       "Action refusée",
		"csrf.text":        "Ce formulaire a expiré ou n'a pas été envoyé depuis triage. Rechargez la page et recommencez.",
		"forbidden.title":  "Accès refusé",
		"forbidden.text":   "Votre rôle ne permet pas d'accéder à cette page.",
		"notfound.title":   "Page introuvable",
		"notfound.text":    "Cette page n'existe pas ou n'est plus disponible.",
		"conflict.title":   "Réponse déjà traitée",
		"conflict.text":    "Cette réponse a déjà été traitée.",
		"toolarge.title":   "Envoi trop volumineux",
		"toolarge.text":    "Votre envoi est trop volumineux ; raccourcissez votre message et recommencez.",
		"ratelimit.title":  "Trop de tentatives",
		"ratelimit.text":   "Trop de tentatives en peu de temps. Réessayez dans quelques minutes.",
		"internal.title":   "Erreur",
		"internal.text":    "Une erreur inattendue s'est produite ; elle a été enregistrée. Réessayez dans un instant.",
		"unavailable.text": "Le service est momentanément indisponible.",

		"link.invalid.title": "Lien non valide",
		"link.invalid.text":  "Ce lien n'est pas valide. Vérifiez qu'il a été copié en entier, ou demandez-en un nouveau à votre fournisseur.",
		"link.expired.title": "Lien expiré",
		"link.expired.text":  "Ce lien a expiré ; demandez-en un nouveau à votre fournisseur.",

		"login.failed": "Identifiant ou mot de passe incorrect",

		"flash.qualified":     "Réponse qualifiée.",
		"flash.validated":     "Réponse validée sans qualification.",
		"flash.deleted":       "Réponse supprimée.",
		"flash.restored":      "Réponse remise dans la file.",
		"flash.requalified":   "Qualification modifiée ; l'ancienne reste dans l'historique.",
		"flash.accepted":      "%d suggestion(s) acceptée(s) ; %d laissée(s) pour vérification (confiance sous le seuil ou suggestion en cours) ; %d en échec.",
		"flash.assigned":      "%d réponse(s) attribuée(s) ; %d en échec.",
		"flash.deleted_n":     "%d réponse(s) supprimée(s) ; %d en échec.",
		"flash.settings":      "Réglages enregistrés.",
		"flash.completed":     "Action terminée.",
		"flash.postponed":     "Action reportée.",
		"flash.baddate":       "Choisissez une date à venir.",
		"flash.mailbox_added": "Boîte ajoutée : testez la connexion.",
		"flash.collector_set": "Chargé de recouvrement affecté à %d client(s), avec leurs réponses en attente et leurs actions.",
		"flash.rules_applied": "Règles appliquées : %d client(s) ont reçu un chargé de recouvrement.",
		"flash.rules_saved":   "Règles d'affectation enregistrées.",
		"flash.email_queued":  "Email mis dans la boîte d'envoi : il part dans un instant.",
		"flash.prompt_saved":  "Version enregistrée ; mesurez-la puis activez-la.",
		"flash.prompt_active": "Version active changée.",
		"flash.job_retried":   "Tâche relancée.",
		"flash.cues_saved":    "Expressions enregistrées ; elles comptent au prochain réentraînement.",
		"flash.bulk_none":     "Sélectionnez au moins une réponse.",

		"field.status":           "Choisissez un statut dans la liste.",
		"field.comment":          "Le commentaire est trop long (2 000 caractères au plus).",
		"field.resolver":         "Un litige doit être confié à un chargé de résolution.",
		"field.items":            "Une des pièces cochées n'est pas une pièce ouverte de ce client.",
		"field.follow_up":        "La date de suivi ne peut pas être dans le passé.",
		"field.follow_up.format": "Saisissez une date de suivi valide.",
		"field.other":            "Cette valeur n'est pas acceptée.",

		"kind.payment":     "Paiement",
		"kind.dispute":     "Litige",
		"kind.information": "Information",
		"kind.other":       "Autre",

		"form.title":          "Votre réponse à notre relance",
		"form.intro":          "Bonjour %s, dites-nous où en est le règlement de vos factures : votre réponse est transmise directement à votre interlocuteur.",
		"form.items.legend":   "Factures concernées",
		"form.items.none":     "Aucune facture ouverte.",
		"form.items.due":      "échéance",
		"form.items.open":     "reste dû",
		"form.reason.legend":  "Votre réponse",
		"form.text.label":     "Votre message",
		"form.text.hint":      "Date de paiement prévue, référence de virement, motif de contestation… (5 000 caractères au plus)",
		"form.submit":         "Envoyer ma réponse",
		"form.error":          "Votre réponse n'a pas pu être envoyée ; corrigez le point signalé ci-dessous.",
		"form.err.reason":     "Choisissez une réponse.",
		"form.err.text":       "Précisez votre réponse en quelques mots (5 000 caractères au plus).",
		"form.err.items":      "Une des factures cochées ne fait pas partie de votre relevé.",
		"form.err.other":      "Le formulaire est incomplet ; rechargez la page et recommencez.",
		"form.err.attachment": "Joignez un fichier PDF, image, texte, tableur ou traitement de texte de 10 Mo au plus, dont le contenu correspond à son nom.",
		"form.file.label":     "Pièce jointe (facultatif)",
		"form.file.hint":      "Avis de virement, bon de livraison, facture annotée… PDF, image, Word, Excel ou texte, 10 Mo au plus.",
		"form.done.title":     "Merci, votre réponse a bien été envoyée",
		"form.done.text":      "%s a bien reçu votre réponse et reviendra vers vous si nécessaire. Vous pouvez fermer cette page.",
		"form.lang.other":     "English version",
	},
	"en": {
		"badrequest.title": "Bad request",
		"badrequest.text":  "The request is incomplete or malformed. Reload the page and try again.",
		"csrf.title":       "Action refused",
		"csrf.text":        "This form has expired or was not sent from this site. Reload the page and try again.",
		"forbidden.title":  "Access denied",
		"forbidden.text":   "Your role does not give access to this page.",
		"notfound.title":   "Page not found",
		"notfound.text":    "This page does not exist or is no longer available.",
		"conflict.title":   "Already handled",
		"conflict.text":    "This reply was already handled.",
		"toolarge.title":   "Too large",
		"toolarge.text":    "What you sent is too large; shorten your message and try again.",
		"ratelimit.title":  "Too many attempts",
		"ratelimit.text":   "Too many attempts in a short time. Try again in a few minutes.",
		"internal.title":   "Error",
		"internal.text":    "Something unexpected went wrong; it has been logged. Try again in a moment.",
		"unavailable.text": "The service is temporarily unavailable.",

		"link.invalid.title": "Invalid link",
		"link.invalid.text":  "This link is not valid. Check that it was copied in full, or ask your supplier for a new one.",
		"link.expired.title": "Expired link",
		"link.expired.text":  "This link has expired; ask your supplier for a new one.",

		"form.title":          "Your answer to our reminder",
		"form.intro":          "Hello %s, let us know where the payment of your invoices stands: your answer goes straight to your contact.",
		"form.items.legend":   "Invoices concerned",
		"form.items.none":     "No open invoice.",
		"form.items.due":      "due",
		"form.items.open":     "open",
		"form.reason.legend":  "Your answer",
		"form.text.label":     "Your message",
		"form.text.hint":      "Planned payment date, transfer reference, reason for a dispute… (at most 5,000 characters)",
		"form.submit":         "Send my answer",
		"form.error":          "Your answer could not be sent; please correct the point shown below.",
		"form.err.reason":     "Choose an answer.",
		"form.err.text":       "Tell us what this is about in a few words (at most 5,000 characters).",
		"form.err.items":      "One of the ticked invoices is not on your statement.",
		"form.err.other":      "The form is incomplete; reload the page and try again.",
		"form.err.attachment": "Attach a PDF, image, text, spreadsheet or word-processor file of at most 10 MB whose content matches its name.",
		"form.file.label":     "Attachment (optional)",
		"form.file.hint":      "Remittance advice, delivery note, annotated invoice… PDF, image, Word, Excel or text, at most 10 MB.",
		"form.done.title":     "Thank you, your answer was sent",
		"form.done.text":      "%s received your answer and will get back to you if needed. You may close this page.",
		"form.lang.other":     "Version française",
	},
}

// defaultLang is the language of staff pages and the fallback of lookups.
const defaultLang = "fr"

// tr returns the message key in lang, falling back to French, then to the key
// itself so a missing entry shows up in review instead of an empty string.
func tr(lang, key string) string {
	if m, ok := messages[lang][key]; ok {
		return m
	}
	if m, ok := messages[defaultLang][key]; ok {
		return m
	}
	return key
}

// formLang picks the customer form's language: an explicit fr|en choice,
// else French for French customers and English for everyone else.
func formLang(choice, customerLang string) string {
	switch choice {
	case "fr", "en":
		return choice
	}
	if customerLang == "fr" {
		return "fr"
	}
	return "en"
}
