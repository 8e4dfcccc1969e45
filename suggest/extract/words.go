package extract

import "time"

// months maps month names and abbreviations of FR EN DE ES IT NL, lower
// case, to numbers.
var months = map[string]time.Month{
	"janvier": 1, "janv": 1, "january": 1, "jan": 1, "januar": 1, "jänner": 1, "enero": 1, "gennaio": 1, "januari": 1,
	"février": 2, "fevrier": 2, "févr": 2, "fevr": 2, "fév": 2, "february": 2, "feb": 2, "februar": 2, "febrero": 2, "febbraio": 2, "februari": 2,
	"mars": 3, "march": 3, "mar": 3, "märz": 3, "maerz": 3, "marzo": 3, "maart": 3, "mrz": 3,
	"avril": 4, "avr": 4, "april": 4, "apr": 4, "abril": 4, "aprile": 4,
	"mai": 5, "may": 5, "mayo": 5, "maggio": 5, "mei": 5,
	"juin": 6, "june": 6, "jun": 6, "juni": 6, "junio": 6, "giugno": 6,
	"juillet": 7, "juil": 7, "july": 7, "jul": 7, "juli": 7, "julio": 7, "luglio": 7,
	"août": 8, "aout": 8, "august": 8, "aug": 8, "agosto": 8, "augustus": 8,
	"septembre": 9, "september": 9, "sept": 9, "sep": 9, "septiembre": 9, "setiembre": 9, "settembre": 9,
	"octobre": 10, "october": 10, "oct": 10, "oktober": 10, "okt": 10, "octubre": 10, "ottobre": 10,
	"novembre": 11, "november": 11, "nov": 11, "noviembre": 11,
	"décembre": 12, "decembre": 12, "déc": 12, "dec": 12, "december": 12, "dezember": 12, "dez": 12, "diciembre": 12, "dicembre": 12,
}

// abbreviated are the month abbreviations, written with a full stop.
var abbreviated = map[string]bool{"janv": true, "jan": true, "févr": true, "fevr": true, "fév": true, "feb": true, "mar": true, "mrz": true,
	"avr": true, "apr": true, "jun": true, "jul": true, "juil": true, "aug": true, "sep": true, "sept": true, "oct": true, "okt": true,
	"nov": true, "déc": true, "dec": true, "dez": true}

// monthAlt lists the month names longest first, so "mars" is not read as "mar".
const monthAlt = `(septiembre|setiembre|settembre|september|septembre|noviembre|diciembre|dicembre|december|décembre|decembre|dezember|novembre|november|febbraio|february|februari|février|fevrier|febrero|februar|augustus|octubre|ottobre|october|octobre|oktober|gennaio|january|januari|janvier|juillet|januar|jänner|aprile|maggio|giugno|luglio|agosto|august|marzo|march|maart|enero|april|abril|avril|junio|julio|juin|june|juni|july|juli|mars|märz|maerz|mayo|août|aout|févr|fevr|janv|juil|sept|mai|may|mei|jan|fév|feb|mar|mrz|apr|avr|jun|jul|aug|sep|oct|okt|nov|déc|dec|dez)`

// weekdays maps weekday names of FR EN DE ES IT NL, lower case, to days.
var weekdays = map[string]time.Weekday{
	"lundi": time.Monday, "monday": time.Monday, "montag": time.Monday, "lunes": time.Monday, "lunedì": time.Monday, "lunedi": time.Monday, "maandag": time.Monday,
	"mardi": time.Tuesday, "tuesday": time.Tuesday, "dienstag": time.Tuesday, "martes": time.Tuesday, "martedì": time.Tuesday, "martedi": time.Tuesday, "dinsdag": time.Tuesday,
	"mercredi": time.Wednesday, "wednesday": time.Wednesday, "mittwoch": time.Wednesday, "miércoles": time.Wednesday, "miercoles": time.Wednesday, "mercoledì": time.Wednesday, "mercoledi": time.Wednesday, "woensdag": time.Wednesday,
	"jeudi": time.Thursday, "thursday": time.Thursday, "donnerstag": time.Thursday, "jueves": time.Thursday, "giovedì": time.Thursday, "giovedi": time.Thursday, "donderdag": time.Thursday,
	"vendredi": time.Friday, "friday": time.Friday, "freitag": time.Friday, "viernes": time.Friday, "venerdì": time.Friday, "venerdi": time.Friday, "vrijdag": time.Friday,
	"samedi": time.Saturday, "saturday": time.Saturday, "samstag": time.Saturday, "sábado": time.Saturday, "sabado": time.Saturday, "sabato": time.Saturday, "zaterdag": time.Saturday,
	"dimanche": time.Sunday, "sunday": time.Sunday, "sonntag": time.Sunday, "domingo": time.Sunday, "domenica": time.Sunday, "zondag": time.Sunday,
}

const weekdayAlt = `(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lunes|martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo|lunedì|lunedi|martedì|martedi|mercoledì|mercoledi|giovedì|giovedi|venerdì|venerdi|sabato|domenica|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)`

// numberWords maps the counts written in words that "in two weeks" takes.
var numberWords = map[string]int{
	"un": 1, "une": 1, "one": 1, "a": 1, "an": 1, "ein": 1, "eine": 1, "einem": 1, "einer": 1, "una": 1, "uno": 1,
	"deux": 2, "two": 2, "zwei": 2, "dos": 2, "due": 2,
	"trois": 3, "three": 3, "drei": 3, "tres": 3, "tre": 3,
	"quatre": 4, "four": 4, "vier": 4, "cuatro": 4, "quattro": 4,
	"cinq": 5, "five": 5, "fünf": 5, "cinco": 5, "cinque": 5,
	"six": 6, "sechs": 6, "seis": 6, "sei": 6,
	"huit": 8, "eight": 8, "acht": 8, "ocho": 8, "otto": 8,
	"dix": 10, "ten": 10, "zehn": 10, "diez": 10, "dieci": 10,
	"quinze": 15, "fifteen": 15, "fünfzehn": 15, "quince": 15, "quindici": 15,
}

const numberAlt = `(\d{1,3}|une|un|deux|trois|quatre|cinq|six|huit|dix|quinze|one|two|three|four|five|six|eight|ten|fifteen|an|a|einem|einer|eine|ein|zwei|drei|vier|fünf|sechs|acht|zehn|fünfzehn|una|uno|dos|tres|cuatro|cinco|seis|ocho|diez|quince|due|tre|quattro|cinque|sei|otto|dieci|quindici)`
