import countries from 'i18n-iso-countries';
import english from 'i18n-iso-countries/langs/en.json';
import { i18n } from './i18n';

countries.registerLocale(english);

/**
 * ISO 3166-1 alpha-2 codes, for country pickers. Names come from i18n-iso-countries in the user's
 * language (its names load with the language, see i18n/languages.ts), else from the browser.
 */
const CODES =
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW'.split(
    ' ',
  );

const namesByLanguage = new Map<string, Intl.DisplayNames>();

export function countryName(code: string | null | undefined): string {
  if (!code) return '';
  const language = i18n.language || 'en';
  const named = countries.getName(code, language);
  if (named) return named;
  let names = namesByLanguage.get(language);
  if (!names) {
    names = new Intl.DisplayNames([language], { type: 'region' });
    namesByLanguage.set(language, names);
  }
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

type CountryOption = { value: string; label: string };
// Made once per language and list, not on every render: a form re-renders on every key typed, and a
// list re-renders as it scrolls; naming and sorting ~250 countries costs tens of milliseconds on a slow phone.
const optionsMade = new Map<string, CountryOption[]>();
let collator: Intl.Collator | undefined;

/** `{ value, label }` options for a Select or MultiSelect, sorted by name. */
export function countryOptions(codes: readonly string[] = CODES): CountryOption[] {
  // A language's names are registered before it is shown, so the key changes when they come.
  const language = `${i18n.language || 'en'}:${countries.langs().length}`;
  const key = `${language} ${codes === CODES ? '*' : codes.join(' ')}`;
  let options = optionsMade.get(key);
  if (!options) {
    // The same order as localeCompare (the browser's locale), without its per-call set-up.
    collator ??= new Intl.Collator();
    const compare = collator.compare;
    options = codes
      .map((code) => ({ value: code, label: `${countryName(code)} (${code})` }))
      .sort((a, b) => compare(a.label, b.label));
    if (optionsMade.size > 50) optionsMade.clear();
    optionsMade.set(key, options);
  }
  return options;
}
