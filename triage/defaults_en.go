package triage

// The English texts of the default catalog and action templates, by code;
// defaults.go holds the French ones and everything else.

type statusText struct{ label, description string }

var englishStatuses = map[string]statusText{
	"promise_to_pay":       {"Promise to pay", "The customer commits to paying on a given date."},
	"already_paid":         {"Already paid", "The customer says they have paid: check the remittance or the bank statement."},
	"payment_plan":         {"Payment plan request", "The customer asks to pay in instalments."},
	"financial_difficulty": {"Financial difficulty", "The customer reports cash-flow problems, insolvency proceedings…"},
	"invoice_copy":         {"Invoice copy request", "The customer asks for a duplicate invoice or a supporting document."},
	"wrong_contact":        {"Wrong contact", "The reminder did not reach the right person."},
	"out_of_office":        {"Out of office", "Out-of-office reply: remind again after the return date."},
	"price_dispute":        {"Price dispute", "The customer disputes a price, a discount or the terms of sale."},
	"admin_dispute":        {"Administrative dispute", "Missing purchase order, wrong address, wrong entity invoiced…"},
	"quality_dispute":      {"Quality / delivery dispute", "Goods damaged, missing, not as ordered or not delivered."},
	"awaiting_credit_note": {"Awaiting credit note", "The customer is waiting for a credit note before paying."},
	"dispute_resolved":     {"Dispute resolved", "The dispute is settled: the items can be reminded again."},
	"other":                {"Other", "Any other answer."},
}

type templateText struct{ name, subject, body string }

var englishActionTemplates = map[string]templateText{
	"check_payment": {name: "Check the promised payment",
		body: "Check that the payment promised by #customer_name for #items_list_selected has arrived."},
	"verify_remittance": {name: "Check the remittance / bank statement",
		body: "#customer_name says they have paid #items_list_selected: match it against the bank statement."},
	"propose_plan": {name: "Propose a payment plan",
		body: "Prepare a payment plan proposal for #customer_name (#items_list_selected)."},
	"call_customer": {name: "Call the customer",
		body: "Call #customer_name about #items_list_selected: #comment"},
	"send_copy": {name: "Send an invoice copy", subject: "Copy of your invoices",
		body: "Hello,\n\nPlease find attached a copy of the following items:\n#items_list_selected\n\nKind regards,\n#collector_name"},
	"fix_contact": {name: "Fix the contact",
		body: "Update the reminder contact of #customer_name: #comment"},
	"next_reminder": {name: "Remind after the return",
		body: "Remind #customer_name after their return: #items_list_selected."},
	"dispute_sales": {name: "Price dispute follow-up", subject: "Price dispute – #customer_name",
		body: "Hello,\n\n#customer_name disputes the price of: #items_list_selected.\nCustomer's comment: #comment\n\nThank you for your answer,\n#collector_name"},
	"dispute_billing": {name: "Administrative dispute follow-up", subject: "Administrative dispute follow-up – #customer_name",
		body: "Hello,\n\n#customer_name reports an administrative problem with: #items_list_selected.\nComment: #comment\n\nThank you,\n#collector_name"},
	"dispute_logistics": {name: "Quality / delivery dispute follow-up", subject: "Delivery dispute – #customer_name",
		body: "Hello,\n\n#customer_name reports a delivery or quality problem with: #items_list_selected.\nComment: #comment\n\nThank you,\n#collector_name"},
	"check_credit_note": {name: "Check the credit note was issued",
		body: "Check that the credit note #customer_name is waiting for was issued for #items_list_selected."},
	"task_review": {name: "Review the case",
		body: "Review the answer of #customer_name: #comment"},
}
