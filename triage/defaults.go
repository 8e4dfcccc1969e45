package triage

// DefaultCatalog is the status catalog a new tenant starts with (DESIGN.md §4),
// in French, the customers' product language; admins edit it afterwards.
func DefaultCatalog() Catalog { return DefaultCatalogIn(DefaultLang) }

// DefaultCatalogIn is the default status catalog with its labels and
// descriptions in lang (French for an unknown language).
func DefaultCatalogIn(lang string) Catalog {
	cat := frenchCatalog()
	if lang == LangEN {
		for i := range cat {
			t := englishStatuses[cat[i].Code]
			cat[i].Label, cat[i].Description = t.label, t.description
		}
	}
	return cat
}

// DefaultActionTemplates are the follow-up action templates the default
// catalog refers to, in French, with #hashtags replaced when the action is
// prepared.
func DefaultActionTemplates() []ActionTemplate { return DefaultActionTemplatesIn(DefaultLang) }

// DefaultActionTemplatesIn are the default action templates in lang (French
// for an unknown language); internal recipients keep their codes.
func DefaultActionTemplatesIn(lang string) []ActionTemplate {
	ts := frenchActionTemplates()
	if lang == LangEN {
		for i := range ts {
			t := englishActionTemplates[ts[i].Code]
			ts[i].Name, ts[i].Subject, ts[i].Body = t.name, t.subject, t.body
		}
	}
	return ts
}

func frenchCatalog() Catalog {
	return Catalog{
		{Code: "promise_to_pay", Label: "Promesse de paiement", Kind: KindPayment, FollowUpDays: 7, ActionTemplate: "check_payment", Mode: ModeAutomatic,
			Description: "Le client s'engage à payer à une date donnée."},
		{Code: "already_paid", Label: "Paiement effectué", Kind: KindPayment, FollowUpDays: 3, ActionTemplate: "verify_remittance", Mode: ModeAutomatic,
			Description: "Le client dit avoir déjà réglé : vérifier la remise ou le relevé bancaire."},
		{Code: "payment_plan", Label: "Demande d'échéancier", Kind: KindPayment, FollowUpDays: 2, ActionTemplate: "propose_plan", Mode: ModeConfirm,
			Description: "Le client demande à payer en plusieurs fois."},
		{Code: "financial_difficulty", Label: "Difficultés financières", Kind: KindPayment, FollowUpDays: 1, ActionTemplate: "call_customer", Mode: ModeConfirm,
			Description: "Le client signale des difficultés de trésorerie, une procédure collective…"},
		{Code: "invoice_copy", Label: "Demande de copie de facture", Kind: KindInformation, FollowUpDays: 5, ActionTemplate: "send_copy", Mode: ModeConfirm,
			Description: "Le client demande un duplicata de facture ou un justificatif."},
		{Code: "wrong_contact", Label: "Mauvais interlocuteur", Kind: KindInformation, FollowUpDays: 1, ActionTemplate: "fix_contact", Mode: ModeConfirm,
			Description: "La relance n'est pas arrivée à la bonne personne."},
		{Code: "out_of_office", Label: "Absence", Kind: KindInformation, FollowUpDays: 7, ActionTemplate: "next_reminder", Mode: ModeAutomatic,
			Description: "Réponse d'absence : relancer après la date de retour."},
		{Code: "price_dispute", Label: "Litige prix", Kind: KindDispute, FollowUpDays: 3, ActionTemplate: "dispute_sales", Mode: ModeInternalInteract, IsDispute: true,
			Description: "Le client conteste un prix, une remise ou des conditions tarifaires."},
		{Code: "admin_dispute", Label: "Litige administratif", Kind: KindDispute, FollowUpDays: 3, ActionTemplate: "dispute_billing", Mode: ModeInternalInteract, IsDispute: true,
			Description: "Bon de commande manquant, mauvaise adresse, mauvaise entité facturée…"},
		{Code: "quality_dispute", Label: "Litige qualité / livraison", Kind: KindDispute, FollowUpDays: 5, ActionTemplate: "dispute_logistics", Mode: ModeInternalInteract, IsDispute: true,
			Description: "Marchandise abîmée, manquante, non conforme ou non livrée."},
		{Code: "awaiting_credit_note", Label: "Attente d'avoir", Kind: KindDispute, FollowUpDays: 10, ActionTemplate: "check_credit_note", Mode: ModeConfirm, IsDispute: true,
			Description: "Le client attend un avoir avant de payer."},
		{Code: "dispute_resolved", Label: "Litige résolu", Kind: KindDispute, IsDispute: true, Mode: ModeAutomatic,
			Description: "Le litige est réglé : les pièces redeviennent relançables."},
		{Code: "other", Label: "Autre", Kind: KindOther, FollowUpDays: 3, ActionTemplate: "task_review", Mode: ModeConfirm,
			Description: "Tout autre retour."},
	}
}

func frenchActionTemplates() []ActionTemplate {
	return []ActionTemplate{
		{Code: "check_payment", Kind: "task", Name: "Vérifier le paiement promis",
			Body: "Vérifier la réception du paiement promis par #customer_name pour #items_list_selected."},
		{Code: "verify_remittance", Kind: "task", Name: "Vérifier la remise / le relevé bancaire",
			Body: "#customer_name indique avoir payé #items_list_selected : rapprocher avec le relevé bancaire."},
		{Code: "propose_plan", Kind: "task", Name: "Proposer un échéancier",
			Body: "Préparer une proposition d'échéancier pour #customer_name (#items_list_selected)."},
		{Code: "call_customer", Kind: "call", Name: "Appeler le client",
			Body: "Appeler #customer_name au sujet de #items_list_selected : #comment"},
		{Code: "send_copy", Kind: "email", Name: "Envoyer une copie de facture",
			Subject: "Copie de vos factures", Body: "Bonjour,\n\nVeuillez trouver ci-joint la copie des pièces suivantes :\n#items_list_selected\n\nCordialement,\n#collector_name"},
		{Code: "fix_contact", Kind: "task", Name: "Corriger l'interlocuteur",
			Body: "Mettre à jour le contact de relance de #customer_name : #comment"},
		{Code: "next_reminder", Kind: "task", Name: "Relancer après le retour",
			Body: "Relancer #customer_name après son retour : #items_list_selected."},
		{Code: "dispute_sales", Kind: "internal_email", Name: "Suivi de litige prix", Recipients: "commercial",
			Subject: "Litige prix – #customer_name", Body: "Bonjour,\n\n#customer_name conteste le prix de : #items_list_selected.\nCommentaire du client : #comment\n\nMerci de votre retour,\n#collector_name"},
		{Code: "dispute_billing", Kind: "internal_email", Name: "Suivi de litige administratif", Recipients: "facturation",
			Subject: "Suivi de litige administratif – #customer_name", Body: "Bonjour,\n\n#customer_name signale un problème administratif sur : #items_list_selected.\nCommentaire : #comment\n\nMerci,\n#collector_name"},
		{Code: "dispute_logistics", Kind: "internal_email", Name: "Suivi de litige qualité / livraison", Recipients: "logistique",
			Subject: "Litige livraison – #customer_name", Body: "Bonjour,\n\n#customer_name signale un problème de livraison ou de qualité sur : #items_list_selected.\nCommentaire : #comment\n\nMerci,\n#collector_name"},
		{Code: "check_credit_note", Kind: "task", Name: "Vérifier l'émission de l'avoir",
			Body: "Vérifier que l'avoir attendu par #customer_name a été émis pour #items_list_selected."},
		{Code: "task_review", Kind: "task", Name: "Revoir le dossier",
			Body: "Revoir le retour de #customer_name : #comment"},
	}
}
