package inbox

// The language model of DetectLang is trained at start-up on these texts,
// written for it: replies to payment reminders and everyday office prose,
// a few hundred words per language, plus each language's function words.
// Keep the texts of similar length: the model's priors assume it.

var langStopwords = map[string]string{
	"fr": `le la les un une des du de au aux et ou mais donc car ni que qui quoi dont où ce cet cette ces
		mon ma mes ton ta tes son sa ses notre nos votre vos leur leurs je tu il elle nous vous ils elles on
		ne pas plus jamais rien est sont suis sommes êtes était été avoir avons avez ont ai as a fait faire
		pour par avec sans sous sur dans chez entre vers depuis pendant avant après très bien aussi déjà encore
		merci bonjour cordialement madame monsieur nous vous votre facture factures règlement virement été
		l' d' j' n' qu' c' s' m' y en tout tous toute toutes même comme si oui non peut doit cela ça`,
	"en": `the a an and or but so of to in on at by for with from about as into than then that this these those
		is are was were be been being have has had do does did will would shall should can could may might must
		i you he she it we they me him her us them my your his its our their mine yours not no yes there here
		what which who whom whose when where why how all any some each every both few more most other such
		only own same very just also please thanks thank regards dear hi invoice invoices payment paid
		we've i'm i'll don't can't won't it's that's let know attached sent week next`,
	"de": `der die das den dem des ein eine einen einem einer eines und oder aber denn sondern doch also
		ich du er sie es wir ihr mich dich sich uns euch mir dir ihm ihnen mein meine dein sein seine unser
		unsere euer ihre nicht kein keine keinen ist sind war waren bin bist sei wird werden wurde wurden
		hat haben hatte hatten habe kann können konnte muss müssen soll sollen will wollen mit von zu zum zur
		bei nach aus für auf über unter vor hinter neben zwischen durch gegen ohne um im am vom ins ans
		dass wenn weil als wie wo was wer noch schon auch nur sehr bitte danke vielen dank freundlichen grüßen
		sehr geehrte damen herren rechnung rechnungen zahlung bereits überwiesen diese dieser dieses`,
	"es": `el la los las un una unos unas y o pero sino que quien cual cuyo donde cuando como de del al a en
		por para con sin sobre entre hasta desde hacia según yo tú él ella nosotros vosotros ellos ellas usted
		ustedes me te se nos os le les lo mi mis tu tus su sus nuestro nuestra nuestros vuestro no sí muy más
		menos ya también todavía es son está están estamos fue fueron ser estar ha han he hemos hay tiene tienen
		tenemos hacer hecho puede pueden este esta estos estas ese esa eso gracias saludos cordiales estimado
		estimados factura facturas pago transferencia realizado le ruego adjunto`,
	"it": `il lo la i gli le un uno una e o ma però che chi cui dove quando come di del dello della dei degli
		delle a al allo alla ai agli alle da dal dalla dai in nel nella nei nelle su sul sulla con per tra fra
		io tu lui lei noi voi loro mi ti si ci vi mio mia miei mie tuo tua suo sua nostro nostra vostro non sì
		molto più meno già anche ancora è sono sei siamo siete era erano essere stato stata ho hai ha abbiamo
		avete hanno fare fatto può possono questo questa questi queste quello quella grazie cordiali saluti
		gentile buongiorno fattura fatture pagamento bonifico effettuato vi prego allegato`,
	"nl": `de het een en of maar want dus dat die dit deze wie wat waar wanneer hoe van voor met op aan in uit
		bij naar over onder tussen door zonder tot om ik jij je hij zij ze wij we jullie u mij me hem haar ons
		hun mijn jouw zijn onze uw niet geen wel ja nee is zijn was waren ben bent heb hebt heeft hebben had
		hadden wordt worden werd kan kunnen kon moet moeten zal zullen wil willen er hier daar nog al ook al
		zeer heel erg graag bedankt dank groeten vriendelijke geachte beste factuur facturen betaling betaald
		overgemaakt bijlage week volgende`,
}

var langSamples = map[string]string{
	"fr": `Bonjour Madame, nous avons bien reçu votre relance concernant la facture du mois dernier. Le
règlement a été effectué par virement le 12 de ce mois, vous trouverez ci-joint l'avis de paiement de
notre banque. Si vous ne le retrouvez pas sur votre relevé, merci de nous le faire savoir et nous
vérifierons de notre côté. Par ailleurs, nous ne pouvons pas régler la deuxième facture : la marchandise
est arrivée abîmée et il manque deux cartons sur la livraison. Nous attendons un avoir avant de payer.
Pourriez-vous également nous envoyer une copie de la facture, que nous n'avons jamais reçue ? Notre
service comptable est fermé jusqu'à lundi prochain, je ferai le nécessaire dès mon retour. La trésorerie
est un peu tendue en ce moment ; serait-il possible d'étaler le paiement sur trois mois ? Je vous
remercie par avance de votre compréhension. Je ne suis plus la bonne personne pour ce dossier, merci
d'écrire désormais à notre nouvelle comptable qui s'occupe des fournisseurs. Le prix facturé ne
correspond pas à celui du devis que votre commercial nous avait envoyé au printemps. Il y a sans doute
une erreur, car la remise de dix pour cent n'a pas été appliquée. Le paiement partira avec notre
prochaine échéance de fin de mois, c'est-à-dire le trente. Nous avons déjà payé cette somme en deux fois,
je pense qu'il s'agit d'un doublon. Hier soir, les enfants sont allés au cinéma avec leurs grands-parents
et ils ont adoré le film. Il fait beau aujourd'hui, on pourrait manger dehors sur la terrasse. La réunion
de jeudi est reportée à la semaine prochaine, faute de salle disponible. Je suis absente du bureau
jusqu'au trois mars et je n'aurai pas accès à ma messagerie. En cas d'urgence, vous pouvez joindre
ma collègue au standard. Bien cordialement, et bonne journée à vous.`,

	"en": `Hi there, thanks for your reminder about last month's invoice. We paid it by bank transfer on the
12th, and I have attached the remittance advice from our bank. If you can't find it on your statement,
please let us know and we will check on our side. However, we can't pay the second invoice: the goods
arrived damaged and two boxes were missing from the delivery. We are waiting for a credit note before we
pay. Could you also send us a copy of the invoice? We never received it. Our accounts department is closed
until next Monday, so I will sort it out as soon as I'm back. Cash flow is a bit tight at the moment; would
it be possible to spread the payment over three months? Thank you in advance for your understanding. I am
no longer the right person for this account, please write to our new accounts payable clerk from now on.
The price on the invoice does not match the quote your sales rep sent us in the spring. There must be a
mistake, because the ten percent discount was not applied. The payment will go out with our next payment
run at the end of the month, which is the thirtieth. We have already paid this amount twice, I think it is
a duplicate. Last night the children went to the cinema with their grandparents and they loved the film.
The weather is lovely today, we could have lunch outside on the terrace. Thursday's meeting has been moved
to next week because no room was available. I am out of the office until the third of March with no access
to my emails. For anything urgent, please contact my colleague through reception. Kind regards, and have
a great day. Would you be able to confirm that everything has been received and settled now?`,

	"de": `Sehr geehrte Damen und Herren, vielen Dank für Ihre Erinnerung an die Rechnung des letzten Monats.
Wir haben den Betrag am zwölften per Überweisung bezahlt, anbei finden Sie die Zahlungsbestätigung unserer
Bank. Falls Sie die Zahlung auf Ihrem Kontoauszug nicht finden, geben Sie uns bitte Bescheid, dann prüfen
wir das bei uns. Die zweite Rechnung können wir allerdings nicht bezahlen: die Ware ist beschädigt
angekommen und bei der Lieferung fehlten zwei Kartons. Wir warten auf eine Gutschrift, bevor wir zahlen.
Könnten Sie uns außerdem eine Kopie der Rechnung schicken? Wir haben sie nie erhalten. Unsere Buchhaltung
ist bis nächsten Montag geschlossen, ich kümmere mich darum, sobald ich wieder da bin. Die Liquidität ist
im Moment etwas knapp; wäre es möglich, die Zahlung auf drei Monate zu verteilen? Vielen Dank im Voraus für
Ihr Verständnis. Ich bin nicht mehr die richtige Ansprechpartnerin für dieses Konto, bitte schreiben Sie
künftig an unsere neue Kollegin in der Kreditorenbuchhaltung. Der berechnete Preis entspricht nicht dem
Angebot, das uns Ihr Außendienst im Frühjahr geschickt hat. Da muss ein Fehler vorliegen, denn der Rabatt
von zehn Prozent wurde nicht abgezogen. Die Zahlung geht mit unserem nächsten Zahllauf am Monatsende raus,
also am dreißigsten. Wir haben diesen Betrag bereits zweimal bezahlt, ich glaube, es handelt sich um eine
doppelte Rechnung. Gestern Abend waren die Kinder mit ihren Großeltern im Kino und der Film hat ihnen sehr
gefallen. Heute ist schönes Wetter, wir könnten draußen auf der Terrasse essen. Die Besprechung am
Donnerstag wird auf nächste Woche verschoben, weil kein Raum frei war. Ich bin bis zum dritten März nicht
im Büro und habe keinen Zugriff auf meine E-Mails. In dringenden Fällen wenden Sie sich bitte an meinen
Kollegen über die Zentrale. Mit freundlichen Grüßen und einen schönen Tag noch.`,

	"es": `Buenos días, gracias por su recordatorio sobre la factura del mes pasado. La pagamos por
transferencia bancaria el día doce y le adjunto el justificante de pago de nuestro banco. Si no lo
encuentra en su extracto, le ruego que nos lo indique y lo comprobaremos por nuestra parte. Sin embargo,
no podemos pagar la segunda factura: la mercancía llegó dañada y faltaban dos cajas en la entrega.
Estamos esperando un abono antes de pagar. ¿Podría enviarnos también una copia de la factura? Nunca la
recibimos. Nuestro departamento de contabilidad está cerrado hasta el lunes que viene, así que me ocuparé
de ello en cuanto vuelva. La tesorería está un poco justa en este momento; ¿sería posible repartir el
pago en tres meses? Le agradezco de antemano su comprensión. Ya no soy la persona adecuada para esta
cuenta, por favor escriba a partir de ahora a nuestra nueva compañera de cuentas a pagar. El precio de
la factura no corresponde al presupuesto que nos envió su comercial en primavera. Debe de haber un error,
porque no se aplicó el descuento del diez por ciento. El pago saldrá con nuestra próxima remesa de pagos
a final de mes, es decir, el día treinta. Ya hemos pagado este importe dos veces, creo que se trata de un
duplicado. Anoche los niños fueron al cine con sus abuelos y les encantó la película. Hoy hace buen
tiempo, podríamos comer fuera en la terraza. La reunión del jueves se ha aplazado a la semana que viene
porque no había ninguna sala libre. Estoy fuera de la oficina hasta el tres de marzo sin acceso a mi
correo. Para cualquier urgencia, puede contactar con mi compañero a través de la centralita. Un cordial
saludo y que tenga un buen día. Quedo a la espera de su confirmación.`,

	"it": `Buongiorno, grazie per il vostro sollecito relativo alla fattura del mese scorso. L'abbiamo pagata
con bonifico bancario il giorno dodici e vi allego la contabile della nostra banca. Se non la trovate
sul vostro estratto conto, vi prego di farcelo sapere e verificheremo da parte nostra. Tuttavia non
possiamo pagare la seconda fattura: la merce è arrivata danneggiata e nella consegna mancavano due
scatole. Aspettiamo una nota di credito prima di pagare. Potreste anche inviarci una copia della fattura?
Non l'abbiamo mai ricevuta. Il nostro ufficio contabilità è chiuso fino a lunedì prossimo, quindi me ne
occuperò appena rientro. La liquidità in questo momento è un po' scarsa; sarebbe possibile suddividere
il pagamento in tre mesi? Vi ringrazio in anticipo per la comprensione. Non sono più la persona giusta
per questo conto, d'ora in poi scrivete per favore alla nostra nuova collega della contabilità fornitori.
Il prezzo in fattura non corrisponde al preventivo che il vostro commerciale ci ha mandato in primavera.
Deve esserci un errore, perché lo sconto del dieci per cento non è stato applicato. Il pagamento partirà
con la nostra prossima distinta di fine mese, cioè il giorno trenta. Abbiamo già pagato questo importo due
volte, credo che si tratti di un doppione. Ieri sera i bambini sono andati al cinema con i nonni e il film
è piaciuto moltissimo. Oggi c'è il sole, potremmo mangiare fuori sulla terrazza. La riunione di giovedì è
rinviata alla settimana prossima perché non c'era nessuna sala libera. Sono fuori ufficio fino al tre
marzo senza accesso alla posta. Per urgenze potete contattare il mio collega tramite il centralino.
Cordiali saluti e buona giornata. Resto in attesa di una vostra conferma.`,

	"nl": `Goedemorgen, bedankt voor uw herinnering over de factuur van vorige maand. Wij hebben die op de
twaalfde per bankoverschrijving betaald, in de bijlage vindt u het betalingsbewijs van onze bank. Als u de
betaling niet op uw rekeningafschrift terugvindt, laat het ons dan weten, dan kijken wij het aan onze kant
na. De tweede factuur kunnen wij echter niet betalen: de goederen zijn beschadigd aangekomen en er
ontbraken twee dozen bij de levering. Wij wachten op een creditnota voordat wij betalen. Kunt u ons ook
een kopie van de factuur sturen? Wij hebben die nooit ontvangen. Onze boekhouding is gesloten tot
volgende maandag, dus ik regel het zodra ik terug ben. De liquiditeit is op dit moment een beetje krap;
zou het mogelijk zijn de betaling over drie maanden te spreiden? Alvast bedankt voor uw begrip. Ik ben
niet langer de juiste persoon voor deze rekening, wilt u voortaan schrijven naar onze nieuwe collega van
de crediteurenadministratie. De gefactureerde prijs komt niet overeen met de offerte die uw
vertegenwoordiger ons in het voorjaar heeft gestuurd. Er moet een fout zijn, want de korting van tien
procent is niet toegepast. De betaling gaat mee met onze volgende betaalrun aan het eind van de maand,
dat wil zeggen op de dertigste. Wij hebben dit bedrag al twee keer betaald, ik denk dat het om een
dubbele factuur gaat. Gisteravond zijn de kinderen met hun grootouders naar de bioscoop geweest en ze
vonden de film geweldig. Het is mooi weer vandaag, we zouden buiten op het terras kunnen eten. De
vergadering van donderdag is verschoven naar volgende week omdat er geen zaal vrij was. Ik ben afwezig
tot en met drie maart en heb geen toegang tot mijn e-mail. Voor dringende zaken kunt u contact opnemen
met mijn collega via de receptie. Met vriendelijke groet en nog een fijne dag.`,
}
