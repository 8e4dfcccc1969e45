package triage

// DefaultLetterTemplates are the letter templates a new tenant starts with,
// one per kind of letter (seed 004), in lang (French unless "en"). Their
// codes do not depend on the language, so that a status can name them.
func DefaultLetterTemplates(lang string) []LetterTemplate {
	if lang == LangEN {
		return []LetterTemplate{
			letterTemplate("letter_reminder", LetterSimple, SendManual, "Payment reminder letter",
				"Reminder: unpaid invoices",
				"Dear Sir or Madam,\n\nUnless we are mistaken, the following items of your account #customer_code remain unpaid:\n\n#items_list_selected\n\nThe total due is #total_due. We would be grateful if you could settle it upon receipt of this letter, or contact us should there be any difficulty.\n\nYours faithfully,\n\n#collector_name\n#company_name"),
			letterTemplate("letter_formal_notice", LetterRegistered, SendConfirm, "Formal notice (registered letter)",
				"Formal notice to pay",
				"Dear Sir or Madam,\n\nDespite our previous reminders, the following items remain unpaid:\n\n#items_list_selected\n\nWe hereby give you formal notice to pay the sum of #total_due within eight days of receipt of this letter. Failing that, we will be obliged to take legal action to recover it.\n\nYours faithfully,\n\n#collector_name\n#company_name"),
			letterTemplate("letter_electronic_notice", LetterElectronic, SendConfirm, "Electronic registered reminder",
				"Statement of your account #customer_code",
				"Dear Sir or Madam,\n\nPlease find below the open items of your account as of #today:\n\n#items_list\n\nThe total due is #total_due. Thank you for settling it at your earliest convenience.\n\nYours faithfully,\n\n#collector_name\n#company_name"),
		}
	}
	return []LetterTemplate{
		letterTemplate("letter_reminder", LetterSimple, SendManual, "Lettre de relance",
			"Relance : factures impayées",
			"Madame, Monsieur,\n\nSauf erreur de notre part, les pièces suivantes de votre compte #customer_code restent impayées :\n\n#items_list_selected\n\nLe montant dû s'élève à #total_due. Nous vous remercions de bien vouloir procéder à leur règlement dès réception de ce courrier, ou de nous contacter en cas de difficulté.\n\nVeuillez agréer, Madame, Monsieur, nos salutations distinguées.\n\n#collector_name\n#company_name"),
		letterTemplate("letter_formal_notice", LetterRegistered, SendConfirm, "Mise en demeure (LRAR)",
			"Mise en demeure de payer",
			"Madame, Monsieur,\n\nMalgré nos précédentes relances, les pièces suivantes restent impayées :\n\n#items_list_selected\n\nPar la présente, nous vous mettons en demeure de nous régler la somme de #total_due dans un délai de huit jours à compter de la réception de ce courrier. À défaut, nous nous verrons contraints d'engager une procédure de recouvrement judiciaire.\n\nVeuillez agréer, Madame, Monsieur, nos salutations distinguées.\n\n#collector_name\n#company_name"),
		letterTemplate("letter_electronic_notice", LetterElectronic, SendConfirm, "Relance recommandée électronique (ERE)",
			"Relevé de votre compte #customer_code",
			"Madame, Monsieur,\n\nVeuillez trouver ci-dessous les pièces ouvertes de votre compte au #today :\n\n#items_list\n\nLe montant dû s'élève à #total_due. Nous vous remercions de procéder à son règlement dans les meilleurs délais.\n\nVeuillez agréer, Madame, Monsieur, nos salutations distinguées.\n\n#collector_name\n#company_name"),
	}
}

func letterTemplate(code, kind string, mode SendMode, name, subject, body string) LetterTemplate {
	return LetterTemplate{ActionTemplate: ActionTemplate{Code: code, Kind: "letter", Name: name, Subject: subject, Body: body},
		LetterKind: kind, Mode: mode}
}
