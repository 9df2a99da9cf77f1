// demarche — the built-in knowledge graph of the 2021–22 Russia–US dispute over diplomats.
//
// A script in demarche's own language, plain openCypher throughout (it also loads into Neo4j).
// It is embedded in the binary and loaded by `Database::builtin()` and by `demarche` without a
// database argument. Facts are paraphrased from five articles; every node and relationship
// carries `sources`, a list of the article ids below.
//
// Articles (`:Article` nodes; `published_basis` says whether the date is stated or inferred):
//   tass-2021-12-03     000_38c6dff411ab7308.txt  TASS, dated 2021-12-03
//   unsigned-2021-12-04 001_6fa6aa9ef9362c25.txt  outlet not named, dated 2021-12-04
//   hill-2021-08        002_e7a0b18f5a9e101e.txt  The Hill, undated: early August 2021 (inferred)
//   zerohedge-2021-08   003_8f00de66a37ec1af.txt  ZeroHedge (Tyler Durden), undated: early August 2021 (inferred)
//   rferl-2022-01-16    004_d118164fa5268751.txt  RFE/RL, dated 2022-01-16
//
// CAMEO event codes (`cameo` property) used:
//   161  reduce or break diplomatic relations: expulsions, forced departures, closures
//   163  impose embargo, boycott or sanctions: the April 2021 US sanctions
//   172  impose administrative sanctions: staff bans, visa restrictions, the three-year rule
//   1313 threaten to reduce or break relations: the threatened July 2022 departures, Zakharova's warnings
//   027  appeal to others to settle a dispute: the request to the UN for arbitration
//   044  meet at a third location: the Geneva summit, the Vienna meeting
//   046  engage in negotiation: arms control talks, consultations on visas
//   112  accuse: claims that call the departures expulsion or accuse the other side
//   052  defend verbally: claims that justify a measure (parity, three-year rule)
//
// Conventions:
//   * Dates keep the precision an article gives (date('2021-04'), date('2022-01-30')). Where an
//     article gives none, the closest supported precision is used and a `*_note` says why.
//     Measures carry `announced`, `effective`, `deadline` or, when only known to have happened
//     by an article's date, `reported`.
//   * RESPONDS_TO goes from the later measure or event to the earlier one, with `basis`
//     ('stated' when a source says so, 'implied' when it is clear from the text) and
//     `claimed_by` (the speaker, or the outlet or author). Two sources making the same link
//     give two relationships, so each keeps its own provenance.
//   * Disagreements are kept, never resolved: the June 2022 departures carry `count: 28`
//     (TASS quoting Antonov, `count_sources`) and `count_alternative: 27` (RFE/RL's "an equal
//     number", `count_alternative_sources`), and two claims, one per version, contradict each
//     other. The 55 in all (Zakharova, October) is its own measure with a `count_note`. The
//     July 2022 threat keeps both "before" and "after July 1" in `deadline_note`.
//   * Claims paraphrase in our own words; a quoted phrase is at most a few words.

// ---- nodes
CREATE (:Article {name: 'tass-2021-12-03', id: 'tass-2021-12-03', outlet: 'TASS', title: 'Russia, US failing to settle problem of visa issuance to diplomats — Russian ambassador', published: date('2021-12-03'), published_basis: 'stated', published_note: 'the dateline reads Washington, December 3', file: '000_38c6dff411ab7308.txt', sources: ['tass-2021-12-03']});
CREATE (:Article {name: 'unsigned-2021-12-04', id: 'unsigned-2021-12-04', title: 'Disputes over departures of diplomats and visas (our description; the article has no headline)', published: date('2021-12-04'), published_basis: 'stated', published_note: 'the text opens with the date 2021-12-04; the outlet is not named', file: '001_6fa6aa9ef9362c25.txt', sources: ['unsigned-2021-12-04']});
CREATE (:Article {name: 'hill-2021-08', id: 'hill-2021-08', outlet: 'The Hill', title: 'Russia says 24 diplomats asked by US to leave by September', published: date('2021-08'), published_basis: 'inferred', published_note: 'undated; it reports the 24 departures due on 2021-09-03 as new, so early August 2021', file: '002_e7a0b18f5a9e101e.txt', sources: ['hill-2021-08']});
CREATE (:Article {name: 'zerohedge-2021-08', id: 'zerohedge-2021-08', outlet: 'ZeroHedge', title: 'Biden Admin Is Booting 24 More Russian Diplomats By September', published: date('2021-08'), published_basis: 'inferred', published_note: 'undated; it calls the layoffs ahead of the 2021-08-01 deadline last Friday, so early August 2021', file: '003_8f00de66a37ec1af.txt', sources: ['zerohedge-2021-08']});
CREATE (:Article {name: 'rferl-2022-01-16', id: 'rferl-2022-01-16', outlet: 'RFE/RL', title: 'Russia orders US embassy staff in Moscow to leave by January 31 (our description; the article has no headline)', published: date('2022-01-16'), published_basis: 'stated', published_note: 'the text opens with Sun, 16 Jan 2022', file: '004_d118164fa5268751.txt', sources: ['rferl-2022-01-16']});
CREATE (:Country {name: 'Russia', aliases: ['Russian Federation', 'Moscow', 'Kremlin'], sources: ['tass-2021-12-03', 'unsigned-2021-12-04', 'hill-2021-08', 'zerohedge-2021-08', 'rferl-2022-01-16']});
CREATE (:Country {name: 'United States', aliases: ['US', 'U.S.', 'USA', 'Washington', 'Biden administration'], sources: ['tass-2021-12-03', 'unsigned-2021-12-04', 'hill-2021-08', 'zerohedge-2021-08', 'rferl-2022-01-16']});
CREATE (:Country {name: 'Ukraine', sources: ['rferl-2022-01-16']});
CREATE (:Organization:Ministry {name: 'Russian Foreign Ministry', aliases: ['Russian Ministry of Foreign Affairs', 'Foreign Ministry of Russia'], sources: ['tass-2021-12-03', 'unsigned-2021-12-04', 'hill-2021-08', 'rferl-2022-01-16']});
CREATE (:Organization:Ministry {name: 'US State Department', aliases: ['State Department', 'Department of State'], sources: ['unsigned-2021-12-04', 'hill-2021-08', 'zerohedge-2021-08', 'rferl-2022-01-16']});
CREATE (:Organization:Embassy {name: 'US Embassy in Moscow', aliases: ['US embassy', 'U.S. Embassy in Moscow', 'US Embassy in Russia'], staff: 120, staff_since: date('2021-08-01'), staff_note: 'lowest number of employees in five years (TASS)', quota: 455, sources: ['tass-2021-12-03', 'unsigned-2021-12-04', 'zerohedge-2021-08', 'rferl-2022-01-16']});
CREATE (:Organization:Embassy {name: 'Russian Embassy in Washington', aliases: ['Russian embassy'], sources: ['unsigned-2021-12-04', 'zerohedge-2021-08']});
CREATE (:Organization:Consulate {name: 'US Consulate in Vladivostok', aliases: ['Vladivostok consulate', 'Vladivosto'], sources: ['zerohedge-2021-08', 'rferl-2022-01-16']});
CREATE (:Organization:Consulate {name: 'US Consulate in Yekaterinburg', aliases: ['Yekaterinburg consulate'], sources: ['zerohedge-2021-08', 'rferl-2022-01-16']});
CREATE (:Organization:Embassy {name: 'Permanent Mission of Russia to the UN', aliases: ['Russia\'s permanent mission to the UN'], kind: 'permanent_mission', sources: ['unsigned-2021-12-04']});
CREATE (:Organization:IntlBody {name: 'United Nations', aliases: ['UN'], sources: ['unsigned-2021-12-04']});
CREATE (:Organization:IntlBody {name: 'Sixth Committee of the UN General Assembly', aliases: ['Sixth Committee'], sources: ['unsigned-2021-12-04']});
CREATE (:Organization:Media {name: 'TASS', sources: ['tass-2021-12-03', 'unsigned-2021-12-04']});
CREATE (:Organization:Media {name: 'The Washington Post', aliases: ['Washington Post'], sources: ['tass-2021-12-03', 'unsigned-2021-12-04']});
CREATE (:Organization:Media {name: 'The National Interest', aliases: ['National Interest'], sources: ['hill-2021-08']});
CREATE (:Organization:Media {name: 'Reuters', sources: ['hill-2021-08', 'zerohedge-2021-08', 'rferl-2022-01-16']});
CREATE (:Organization:Media {name: 'AP', aliases: ['Associated Press'], sources: ['zerohedge-2021-08', 'rferl-2022-01-16']});
CREATE (:Organization:Media {name: 'The Wall Street Journal', aliases: ['WSJ'], sources: ['zerohedge-2021-08']});
CREATE (:Organization:Media {name: 'RFE/RL', aliases: ['Radio Free Europe/Radio Liberty'], sources: ['rferl-2022-01-16']});
CREATE (:Organization:Media {name: 'The Hill', sources: ['hill-2021-08']});
CREATE (:Organization:Media {name: 'ZeroHedge', sources: ['zerohedge-2021-08']});
CREATE (:Person {name: 'Anatoly Antonov', title: 'Russian Ambassador to the United States', aliases: ['Antonov'], sources: ['tass-2021-12-03', 'unsigned-2021-12-04', 'hill-2021-08', 'zerohedge-2021-08', 'rferl-2022-01-16']});
CREATE (:Person {name: 'Maria Zakharova', title: 'Spokeswoman of the Russian Foreign Ministry', aliases: ['Zakharova'], sources: ['unsigned-2021-12-04', 'rferl-2022-01-16']});
CREATE (:Person {name: 'Antony Blinken', title: 'US Secretary of State', aliases: ['Blinken'], sources: ['zerohedge-2021-08']});
CREATE (:Person {name: 'Ned Price', title: 'US State Department spokesperson', aliases: ['Price'], sources: ['hill-2021-08']});
CREATE (:Person {name: 'Jalina Porter', title: 'Deputy head of the US State Department press service', aliases: ['Porter'], sources: ['unsigned-2021-12-04']});
CREATE (:Person {name: 'John Sullivan', title: 'US Ambassador to Russia', aliases: ['Sullivan'], sources: ['hill-2021-08']});
CREATE (:Person {name: 'Sergey Lavrov', title: 'Russian Foreign Minister', aliases: ['Sergei Lavrov', 'Lavrov'], sources: ['hill-2021-08']});
CREATE (:Person {name: 'Sergei Ryabkov', title: 'Russian Deputy Foreign Minister', aliases: ['Sergey Ryabkov', 'Ryabkov'], sources: ['zerohedge-2021-08']});
CREATE (:Person {name: 'Sergei Koshelev', title: 'Minister Counselor of the Russian Embassy in Washington', aliases: ['Koshelev'], sources: ['unsigned-2021-12-04']});
CREATE (:Person {name: 'Sergei Leonidchenko', title: 'Russian representative in the Sixth Committee of the UN General Assembly', aliases: ['Leonidchenko'], sources: ['unsigned-2021-12-04']});
CREATE (:Person {name: 'Joe Biden', title: 'President of the United States', aliases: ['Biden', 'President Biden'], sources: ['hill-2021-08', 'zerohedge-2021-08']});
CREATE (:Person {name: 'Vladimir Putin', title: 'President of Russia', aliases: ['Putin', 'Vladimir Vladimirovich Putin'], sources: ['hill-2021-08', 'zerohedge-2021-08']});
CREATE (:Person {name: 'Jacob Heilbrunn', title: 'Editor of The National Interest', aliases: ['Heilbrunn'], sources: ['hill-2021-08']});
CREATE (:Person {name: 'Tyler Durden', title: 'ZeroHedge author', sources: ['zerohedge-2021-08']});
CREATE (:Person {name: 'Aleksei Navalny', title: 'Russian opposition politician', aliases: ['Navalny', 'Alexei Navalny'], sources: ['rferl-2022-01-16']});
CREATE (:Measure {name: 'April 2021 US sanctions', kind: 'sanction', cameo: '163', announced: date('2021-04'), aliases: ['US sanctions', 'April sanctions', 'sanctions of April 2021'], description: 'A wave of US sanctions against Russia in April 2021, which Moscow cites as the trigger of its measures.', sources: ['tass-2021-12-03', 'hill-2021-08']});
CREATE (:Measure {name: 'US expulsion of Russian diplomats in 2021', kind: 'expulsion', cameo: '161', announced: date('2021'), announced_note: 'the articles give no date; TASS pairs it with the April 2021 sanctions', aliases: ['US expulsion of Russian diplomats', 'expulsion of Russian diplomats'], description: 'Washington expelled Russian diplomats from US soil before Russia banned local hires at US missions.', sources: ['tass-2021-12-03', 'zerohedge-2021-08', 'rferl-2022-01-16']});
CREATE (:Measure {name: 'Expulsion of 10 US diplomats', kind: 'expulsion', cameo: '161', announced: date('2021-04'), count: 10, aliases: ['expulsion of 10 US diplomats', '10 US diplomats'], description: 'Lavrov announced that Moscow would recommend the expulsion of ten US diplomats in answer to the US sanctions.', sources: ['hill-2021-08']});
CREATE (:Measure {name: 'Ban on US missions hiring local staff', kind: 'staff_ban', cameo: '172', announced: date('2021-04'), announced_note: 'after the April 2021 sanctions (The Hill); earlier in 2021 (ZeroHedge)', deadline: date('2021-08-01'), deadline_note: 'deadline set by the Kremlin for dismissing local staff (ZeroHedge)', aliases: ['local staff ban', 'ban on hiring local staff', 'hiring ban', 'prohibition to hire local personnel', 'staff ban'], description: 'Russia barred the US embassy and consulates from employing Russian and third-country nationals, leaving almost only Americans on staff.', sources: ['tass-2021-12-03', 'hill-2021-08', 'zerohedge-2021-08', 'rferl-2022-01-16']});
CREATE (:Measure {name: 'Reduction of US consular services from 2021-05-12', kind: 'service_reduction', effective: date('2021-05-12'), description: 'After the hiring ban the US embassy narrowed its consular services, keeping visas for diplomatic travel.', sources: ['tass-2021-12-03']});
CREATE (:Measure {name: 'Slowdown of visa issuance to diplomatic personnel', kind: 'visa_restriction', cameo: '172', announced: date('2021'), announced_note: 'TASS reports the slowdown without a date', description: 'Visas for diplomatic staff were issued much more slowly; TASS does not say by which side, so both are recorded.', sources: ['tass-2021-12-03']});
CREATE (:Measure {name: 'Cut of US citizen services and nonimmigrant visa processing', kind: 'service_reduction', effective: date('2021-07'), description: 'In July 2021 US missions in Russia cut staff, most services for US citizens and nonimmigrant visa processing.', sources: ['rferl-2022-01-16']});
CREATE (:Measure {name: 'End of US consular services for Russians', kind: 'service_reduction', announced: date('2021-08'), description: 'The US embassy stopped consular services for Russians and sent them to US embassies in other countries for nonimmigrant visas.', sources: ['unsigned-2021-12-04']});
CREATE (:Measure {name: 'Layoff of local staff at US missions in Russia', kind: 'layoff', announced: date('2021-07'), announced_note: 'announced on the Friday before the deadline (ZeroHedge)', deadline: date('2021-08-01'), count: 200, count_qualifier: 'nearly', aliases: ['layoff of local staff', 'layoffs', 'dismissal of local staff'], description: 'The US let go of nearly 200 local employees of its missions in Russia to meet the Kremlin deadline of 2021-08-01.', sources: ['zerohedge-2021-08', 'rferl-2022-01-16']});
CREATE (:Measure {name: 'Closure of US consulate in Vladivostok', kind: 'closure', cameo: '161', reported: date('2022-01-16'), reported_note: 'RFE/RL reports it as done by January 2022 without a date', aliases: ['Vladivostok consulate closure'], description: 'The US consulate in Vladivostok had to close because of the restrictions on local staff.', sources: ['rferl-2022-01-16']});
CREATE (:Measure {name: 'Closure of US consulate in Yekaterinburg', kind: 'closure', cameo: '161', reported: date('2022-01-16'), reported_note: 'RFE/RL reports it as done by January 2022 without a date', aliases: ['Yekaterinburg consulate closure'], description: 'The US consulate in Yekaterinburg had to close because of the restrictions on local staff.', sources: ['rferl-2022-01-16']});
CREATE (:Measure {name: 'Tit-for-tat closures of diplomatic facilities', kind: 'closure', cameo: '161', reported: date('2022-01-16'), reported_note: 'RFE/RL: in recent years, no dates', description: 'Both countries closed diplomatic facilities of the other in rounds of retaliation.', sources: ['rferl-2022-01-16']});
CREATE (:Measure {name: 'Three-year limit on assignments of Russian diplomats', kind: 'rule', cameo: '172', announced: date('2021'), announced_note: 'RFE/RL: Moscow was informed the year before January 2022', aliases: ['three-year rule', 'three-year limit', 'three-year assignments'], description: 'The US limits the assignments of Russian diplomats in the country to three years; they must then leave or be replaced.', sources: ['unsigned-2021-12-04', 'hill-2021-08', 'rferl-2022-01-16']});
CREATE (:Measure {name: 'Tightened US visa procedures for Russian diplomats', kind: 'visa_restriction', cameo: '172', announced: date('2021'), description: 'Antonov says abruptly tightened visa procedures leave departing diplomats almost without replacements.', sources: ['hill-2021-08', 'zerohedge-2021-08']});
CREATE (:Measure {name: 'Delays in renewing visas of Russian diplomats', kind: 'visa_restriction', cameo: '172', announced: date('2021'), count: 60, count_qualifier: 'about', count_with_family: 130, description: 'Antonov says slow renewals of expired visas squeeze Russian staff out; about 60 of them (130 with family) cannot travel home.', sources: ['hill-2021-08']});
CREATE (:Measure {name: 'Visa restrictions on families of Russian diplomats', kind: 'visa_restriction', cameo: '172', announced: date('2021'), aliases: ['family visas', 'visas of spouses and children'], description: 'Spouses of Russian diplomats lost accreditation or had valid visas cancelled, and children were refused visas (as Antonov tells it).', sources: ['unsigned-2021-12-04', 'hill-2021-08']});
CREATE (:Measure {name: 'Departure of 24 Russian diplomats by 2021-09-03', kind: 'expulsion', cameo: '161', announced: date('2021-08'), deadline: date('2021-09-03'), count: 24, aliases: ['24 Russian diplomats', 'departure of 24 Russian diplomats'], description: 'The US asked 24 Russian diplomats to leave when their visas expired on 2021-09-03; almost none had replacements.', sources: ['hill-2021-08', 'zerohedge-2021-08']});
CREATE (:Measure {name: 'US demand that 55 Russian diplomats leave', kind: 'expulsion', cameo: '161', announced: date('2021-10'), count: 55, count_note: '55 in all (Zakharova, October 2021); TASS later gives 27 + 28 = 55, RFE/RL 27 + 27 = 54', aliases: ['55 Russian diplomats'], description: 'According to Zakharova the US demanded that 55 Russian diplomats and staff leave in the coming months.', sources: ['unsigned-2021-12-04']});
CREATE (:Measure {name: 'Departure of 27 Russian diplomats by 2022-01-30', kind: 'expulsion', cameo: '161', announced: date('2021-12-03'), deadline: date('2022-01-30'), count: 27, aliases: ['27 Russian diplomats', 'departure of 27 Russian diplomats', 'January 30 departures'], description: '27 Russian diplomats must leave the US by 2022-01-30 because their visas were not extended.', sources: ['tass-2021-12-03', 'rferl-2022-01-16']});
CREATE (:Measure {name: 'Departure of more Russian diplomats by 2022-06-30', kind: 'expulsion', cameo: '161', announced: date('2021-12-03'), deadline: date('2022-06-30'), count: 28, count_sources: ['tass-2021-12-03'], count_alternative: 27, count_alternative_sources: ['rferl-2022-01-16'], count_note: 'TASS quotes Antonov: 28 more; RFE/RL reports "an equal number", i.e. 27. Both are kept.', aliases: ['June 30 departures', 'departure of 28 Russian diplomats'], description: 'A second group of Russian diplomats must leave the US by 2022-06-30; the articles disagree on how many.', sources: ['tass-2021-12-03', 'rferl-2022-01-16']});
CREATE (:Measure {name: 'Departure of US embassy staff with over three years in Moscow by 2022-01-31', kind: 'expulsion', cameo: '161', announced: date('2021-12-01'), deadline: date('2022-01-31'), aliases: ['January 31 departures', 'departure of US embassy staff'], description: 'Russia ordered US embassy staff who had served over three years in Moscow to leave by 2022-01-31.', sources: ['unsigned-2021-12-04', 'rferl-2022-01-16']});
CREATE (:Measure {name: 'Threatened departure of more US diplomats around 2022-07-01', kind: 'expulsion', cameo: '1313', announced: date('2021-12-01'), deadline: date('2022-07-01'), deadline_note: 'RFE/RL quotes Zakharova: before July 1; the unsigned article says after July 1. Both are kept.', condition: 'unless the US drops the three-year rule and compromises', status: 'threatened', description: 'More US diplomats are to leave, in numbers matching the Russians told to go, unless Washington compromises.', sources: ['unsigned-2021-12-04', 'rferl-2022-01-16']});
CREATE (:Measure {name: 'Denial of visas to Russian UN delegates and mission staff', kind: 'visa_restriction', cameo: '172', effective: date('2017'), effective_note: 'more than four years before November 2021 (Leonidchenko)', description: 'Visas refused to staff of Russia\'s permanent mission to the UN and to delegates from Moscow.', sources: ['unsigned-2021-12-04']});
CREATE (:Measure {name: 'Quota of 455 diplomats for the US embassy', kind: 'rule', reported: date('2021-12-03'), count: 455, description: 'The US embassy may fill a quota of 455 diplomats, but only with US nationals.', sources: ['tass-2021-12-03']});
CREATE (:Event {name: 'Geneva summit', kind: 'summit', date: date('2021-06-16'), cameo: '044', location: 'Geneva', outcome: 'agreed to reopen talks on arms control and cybersecurity and to send the ambassadors back to their posts (ZeroHedge)', sources: ['hill-2021-08', 'zerohedge-2021-08']});
CREATE (:Event {name: 'Vienna meeting on visas', kind: 'meeting', date: date('2021'), cameo: '044', location: 'Vienna', date_note: 'before 2021-12-03; no date given', outcome: 'preliminary agreements on Russian visas for US embassy staff in Moscow, still to be approved (The Washington Post via TASS)', sources: ['tass-2021-12-03']});
CREATE (:Event {name: 'Washington Post report of a visa breakthrough', kind: 'report', date: date('2021-12-03'), date_note: 'TASS: reported earlier; the unsigned article: on Friday (2021-12-03)', description: 'The Washington Post, citing anonymous US officials, described a quiet breakthrough in the visa talks; a final deal could come in December.', sources: ['tass-2021-12-03', 'unsigned-2021-12-04']});
CREATE (:Event {name: 'Russian request for UN arbitration on visas', kind: 'request', date: date('2021-11'), cameo: '027', location: 'Sixth Committee of the UN General Assembly', request: 'begin an arbitration procedure over US visa issuance to diplomats', description: 'Russia asked the UN to start arbitration over the US issuing visas to its diplomats; Leonidchenko spoke for it in the Sixth Committee.', sources: ['unsigned-2021-12-04']});
CREATE (:Event {name: 'US-Russia nuclear arms control talks', kind: 'talks', date: date('2021-07'), cameo: '046', date_note: 'last week according to ZeroHedge (early August 2021)', description: 'Nuclear arms control talks begun on the basis of the agreement reached at the Geneva summit.', sources: ['zerohedge-2021-08']});
CREATE (:Event {name: 'US-Russia consultations on diplomatic visas', kind: 'negotiation', date: date('2021-12'), cameo: '046', date_note: 'ongoing in late 2021', description: 'Russia and the US stay in contact to settle the issuing of visas to diplomats; no solution as of 2021-12-03 (Antonov).', sources: ['tass-2021-12-03', 'unsigned-2021-12-04']});
CREATE (:Event {name: 'John Sullivan returns to Washington for consultations', kind: 'ambassador_recall', date: date('2021-04'), description: 'The US ambassador left Moscow for a while after the expulsion of ten US diplomats, to consult the Biden administration.', sources: ['hill-2021-08']});
CREATE (:Event {name: 'John Sullivan returns to Moscow', kind: 'ambassador_return', date: date('2021'), date_note: 'by early August 2021; no date given', sources: ['hill-2021-08', 'zerohedge-2021-08']});
CREATE (:Event {name: 'US Embassy in Moscow reduced to 120 employees', kind: 'staffing_level', date: date('2021-08-01'), count: 120, description: 'From 2021-08-01 the US embassy worked with 120 employees, its lowest number in five years.', sources: ['tass-2021-12-03']});
CREATE (:Event {name: 'Antonov interview with The National Interest', kind: 'interview', date: date('2021-08'), date_note: 'published on a Sunday, early August 2021', sources: ['hill-2021-08']});
CREATE (:Event {name: 'Zakharova briefing of 2021-12-01', kind: 'briefing', date: date('2021-12-01'), sources: ['rferl-2022-01-16']});
CREATE (:Event {name: 'Annexation of Crimea', kind: 'grievance', date: date('2014'), description: 'Russia\'s 2014 annexation of Ukraine\'s Crimean Peninsula', sources: ['rferl-2022-01-16']});
CREATE (:Event {name: 'Russian backing of separatists in eastern Ukraine', kind: 'grievance', date: date('2014'), sources: ['rferl-2022-01-16']});
CREATE (:Event {name: 'Russian meddling in US elections', kind: 'grievance', sources: ['rferl-2022-01-16']});
CREATE (:Event {name: 'Poisoning and jailing of Aleksei Navalny', kind: 'grievance', sources: ['rferl-2022-01-16']});
CREATE (:Event {name: 'Cyberattacks attributed to Russia', kind: 'grievance', sources: ['rferl-2022-01-16']});
CREATE (:Claim {name: 'Antonov: the departures are a de facto expulsion', text: 'Antonov says nobody formally calls it expulsion, but diplomats who stay would lose accreditation and every right, so it is in effect an expulsion; he calls the way it is done "Jesuitical".', date: date('2021-12-03'), stance: 'characterizes_as_expulsion', cameo: '112', sources: ['tass-2021-12-03']});
CREATE (:Claim {name: 'Antonov: refusing to extend visas amounts to expulsion', text: 'Antonov says Washington\'s refusal to extend the diplomats\' visas effectively expels them.', date: date('2022-01'), stance: 'characterizes_as_expulsion', cameo: '112', sources: ['rferl-2022-01-16']});
CREATE (:Claim {name: 'Zakharova: Moscow regards the US actions as expulsion', text: 'Zakharova said earlier that Moscow sees what Washington is doing as expulsion.', date: date('2021'), stance: 'characterizes_as_expulsion', cameo: '112', sources: ['unsigned-2021-12-04']});
CREATE (:Claim {name: 'State Department: this is not an expulsion', text: 'A State Department spokesperson told RFE/RL the departures are not an expulsion: Russia was told its diplomats serve three-year assignments and may send replacements; the procedures aim at parity, not punishment.', date: date('2022-01'), stance: 'denies_expulsion', cameo: '052', reasons: ['three-year limit on assignments', 'parity between the missions'], sources: ['rferl-2022-01-16']});
CREATE (:Claim {name: 'State Department: the diplomats have served more than three years', text: 'A State Department spokesman told TASS the diplomats concerned had been in the US over three years and knew they would have to leave at the end of their tour; the aim is parity and steadier, more predictable relations.', date: date('2021-12'), stance: 'justifies_three_year_rule', cameo: '052', reasons: ['three-year limit on assignments', 'parity between the missions'], sources: ['unsigned-2021-12-04']});
CREATE (:Claim {name: 'Porter: the measure ensures parity between the missions', text: 'Porter stressed the measure was introduced to ensure parity between the US and Russian diplomatic missions.', date: date('2021'), stance: 'justifies_parity', cameo: '052', reasons: ['parity between the missions'], sources: ['unsigned-2021-12-04']});
CREATE (:Claim {name: 'Price: the US is not using visas to retaliate', text: 'Price rejected Antonov\'s account of the 24 departures: the US is not retaliating through visas, and asking Russians to reapply after three years is "nothing new".', date: date('2021-08'), stance: 'denies_retaliation', cameo: '052', reasons: ['three-year limit on assignments'], sources: ['hill-2021-08']});
CREATE (:Claim {name: 'Antonov: 24 diplomats must leave by September 3, almost none replaced', text: 'Antonov says the US asked 24 Russian diplomats to leave when their visas expire on 2021-09-03, and that tightened visa procedures leave almost all of them without replacements.', date: date('2021-08'), stance: 'reports_departures', count: 24, sources: ['hill-2021-08', 'zerohedge-2021-08']});
CREATE (:Claim {name: 'Antonov: visa delays aim to squeeze Russian diplomats out', text: 'Antonov says widespread delays in renewing expired visas are meant to push Russian diplomatic workers out of the US.', date: date('2021-08'), stance: 'accuses', cameo: '112', sources: ['hill-2021-08']});
CREATE (:Claim {name: 'ZeroHedge: the 24 departures are likely retaliation for the layoffs', text: 'ZeroHedge reads the request for 24 diplomats to leave as likely retaliation for the dismissal of local staff at US missions.', date: date('2021-08'), stance: 'characterizes_as_retaliation', sources: ['zerohedge-2021-08']});
CREATE (:Claim {name: 'Antonov: spouses lose accreditation and children get no visas', text: 'According to Antonov, spouses of Russian diplomats have their accreditation revoked and their children are not issued visas.', date: date('2021-12'), stance: 'accuses', cameo: '112', sources: ['unsigned-2021-12-04']});
CREATE (:Claim {name: 'Antonov: valid visas of spouses and children cancelled without reasons', text: 'Antonov says US authorities cancel valid visas of the spouses and children of Russian staff without giving reasons.', date: date('2021-08'), stance: 'accuses', cameo: '112', sources: ['hill-2021-08']});
CREATE (:Claim {name: 'Antonov: about 60 colleagues, 130 with families, cannot travel home', text: 'Antonov says about sixty colleagues, 130 counting family, cannot go back to Russia even for urgent humanitarian reasons.', date: date('2021-08'), stance: 'accuses', count: 60, count_with_family: 130, sources: ['hill-2021-08']});
CREATE (:Claim {name: 'Antonov: the outflow could cause staff shortages', text: 'Antonov warned that such an outflow of employees could leave the embassy short of staff.', date: date('2021-12'), stance: 'warns', sources: ['unsigned-2021-12-04']});
CREATE (:Claim {name: 'Antonov: there has been no breakthrough on visas', text: 'Antonov says he knows of no breakthrough, only consultations and constant contact, and that so far the sides are failing to find a solution; the situation of Russian diplomats stays "very difficult".', date: date('2021-12-03'), stance: 'denies_breakthrough', sources: ['tass-2021-12-03']});
CREATE (:Claim {name: 'The Washington Post: a quiet breakthrough in the visa talks', text: 'Citing anonymous US officials, the paper reported preliminary agreements reached in Vienna on Russian visas for US embassy staff, still to be approved; a final agreement could come in December.', date: date('2021-12-03'), stance: 'reports_breakthrough', sources: ['tass-2021-12-03', 'unsigned-2021-12-04']});
CREATE (:Claim {name: 'Blinken: the layoffs are regrettable', text: 'Blinken called the layoffs regrettable and something the US had hoped to avoid, and warned they would badly hurt the mission\'s operations, possibly its staff\'s safety and its ability to deal with the Russian government.', date: date('2021-07'), stance: 'expresses_regret', sources: ['zerohedge-2021-08']});
CREATE (:Claim {name: 'Antonov: the April sanctions obliged Russia to equalize conditions', text: 'Antonov says Russia showed restraint until the April 2021 sanctions, after which it had to equalize working conditions for US missions, including the hiring ban; he calls for solutions based on parity.', date: date('2021-08'), stance: 'justifies_response', sources: ['hill-2021-08']});
CREATE (:Claim {name: 'Antonov: relations did not improve after Geneva', text: 'Antonov told Heilbrunn that relations between the US and Russia unfortunately did not get better after the Geneva summit.', date: date('2021-08'), stance: 'laments', sources: ['hill-2021-08']});
CREATE (:Claim {name: 'Antonov: hopes to normalize diplomats\' lives on the principle of reciprocity', text: 'Antonov hopes common sense prevails so the lives of Russian and American diplomats can be normalized on the basis of reciprocity, and offers to discuss cyber threats to arms control systems instead of more counter-moves.', date: date('2021-08'), stance: 'hopes_for_normalization', sources: ['zerohedge-2021-08']});
CREATE (:Claim {name: 'Ryabkov: arms control talks are only at the beginning', text: 'Ryabkov told the WSJ the talks are at the very start of what he hopes is a lasting process, but Moscow cannot yet tell whether it will succeed.', date: date('2021-07'), stance: 'cautious', sources: ['zerohedge-2021-08']});
CREATE (:Claim {name: 'Koshelev: there is a chance to resume US visa issuance in Russia', text: 'Koshelev said there is a chance of agreeing that the US resumes issuing visas in Russia.', date: date('2021-11'), stance: 'hopes_for_agreement', sources: ['unsigned-2021-12-04']});
CREATE (:Claim {name: 'Leonidchenko: visa problems for more than four years', text: 'Leonidchenko said the Russian delegation has had visa problems for over four years, citing refusals for staff of the UN mission and for delegates from Moscow.', date: date('2021-11'), stance: 'accuses', cameo: '112', sources: ['unsigned-2021-12-04']});
CREATE (:Claim {name: 'Zakharova: Russia will respond in kind', text: 'Zakharova said Russia intends to respond in a corresponding way to the departures of its diplomats.', date: date('2021-12-01'), stance: 'threatens_response', cameo: '1313', sources: ['rferl-2022-01-16']});
CREATE (:Claim {name: 'Zakharova: more US diplomats leave before July 1 unless Washington compromises', text: 'Zakharova said that unless Washington waives the three-year rule and compromises, more US diplomats will leave before 2022-07-01, matching the number of Russians the State Department announced.', date: date('2021-12-01'), stance: 'threatens_response', cameo: '1313', sources: ['rferl-2022-01-16']});
CREATE (:Claim {name: 'Zakharova: the US demanded that 55 Russian diplomats leave', text: 'In October Zakharova said the US had demanded that 55 Russian diplomats and staff leave in the coming months.', date: date('2021-10'), stance: 'reports_departures', count: 55, sources: ['unsigned-2021-12-04']});
CREATE (:Claim {name: 'Russian Foreign Ministry: the US embassy may fill its quota with US nationals', text: 'The ministry noted that the US embassy is free to fill its quota of 455 diplomats with US citizens.', date: date('2021-12-03'), stance: 'defends', cameo: '052', sources: ['tass-2021-12-03']});
CREATE (:Claim {name: 'Antonov (TASS): 28 more diplomats must leave by June 30', text: 'Antonov confirmed 27 departures by 2022-01-30 and said 28 more people must leave by 2022-06-30.', date: date('2021-12-03'), stance: 'reports_departures', count: 28, sources: ['tass-2021-12-03']});
CREATE (:Claim {name: 'Antonov (RFE/RL): an equal number must leave by June 30', text: 'As RFE/RL reports Antonov, 27 diplomats leave by 2022-01-30 and an equal number by 2022-06-30.', date: date('2022-01'), stance: 'reports_departures', count: 27, sources: ['rferl-2022-01-16']});
CREATE (:Claim {name: 'RFE/RL: other disputes have strained relations', text: 'RFE/RL lists other blows to relations: the 2014 annexation of Crimea, backing separatists in eastern Ukraine, meddling in US elections, the poisoning and jailing of Aleksei Navalny, cyberattacks and other malign activities.', date: date('2022-01-16'), stance: 'lists_grievances', sources: ['rferl-2022-01-16']});
CREATE (:Claim {name: 'RFE/RL: rounds of tit-for-tat expulsions and restrictions', text: 'RFE/RL describes several rounds of mutual expulsions and restrictions on diplomatic missions as relations sink to post-Cold War lows.', date: date('2022-01-16'), stance: 'describes_escalation', sources: ['rferl-2022-01-16']});

// ---- relationships (every endpoint is matched by its unique name)
MATCH (a {name: 'Anatoly Antonov'}), (b {name: 'Russian Embassy in Washington'}) CREATE (a)-[:WORKS_FOR {title: 'Ambassador', sources: ['tass-2021-12-03', 'unsigned-2021-12-04', 'hill-2021-08', 'zerohedge-2021-08', 'rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Maria Zakharova'}), (b {name: 'Russian Foreign Ministry'}) CREATE (a)-[:WORKS_FOR {title: 'Spokeswoman', sources: ['unsigned-2021-12-04', 'rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Antony Blinken'}), (b {name: 'US State Department'}) CREATE (a)-[:WORKS_FOR {title: 'Secretary of State', sources: ['zerohedge-2021-08']}]->(b);
MATCH (a {name: 'Ned Price'}), (b {name: 'US State Department'}) CREATE (a)-[:WORKS_FOR {title: 'Spokesperson', sources: ['hill-2021-08']}]->(b);
MATCH (a {name: 'Jalina Porter'}), (b {name: 'US State Department'}) CREATE (a)-[:WORKS_FOR {title: 'Deputy head of the press service', sources: ['unsigned-2021-12-04']}]->(b);
MATCH (a {name: 'John Sullivan'}), (b {name: 'US Embassy in Moscow'}) CREATE (a)-[:WORKS_FOR {title: 'Ambassador', sources: ['hill-2021-08']}]->(b);
MATCH (a {name: 'Sergey Lavrov'}), (b {name: 'Russian Foreign Ministry'}) CREATE (a)-[:WORKS_FOR {title: 'Foreign Minister', sources: ['hill-2021-08']}]->(b);
MATCH (a {name: 'Sergei Ryabkov'}), (b {name: 'Russian Foreign Ministry'}) CREATE (a)-[:WORKS_FOR {title: 'Deputy Foreign Minister', sources: ['zerohedge-2021-08']}]->(b);
MATCH (a {name: 'Sergei Koshelev'}), (b {name: 'Russian Embassy in Washington'}) CREATE (a)-[:WORKS_FOR {title: 'Minister Counselor', sources: ['unsigned-2021-12-04']}]->(b);
MATCH (a {name: 'Sergei Leonidchenko'}), (b {name: 'Permanent Mission of Russia to the UN'}) CREATE (a)-[:WORKS_FOR {title: 'Representative in the Sixth Committee of the UN General Assembly', sources: ['unsigned-2021-12-04']}]->(b);
MATCH (a {name: 'Joe Biden'}), (b {name: 'United States'}) CREATE (a)-[:WORKS_FOR {title: 'President', sources: ['hill-2021-08', 'zerohedge-2021-08']}]->(b);
MATCH (a {name: 'Vladimir Putin'}), (b {name: 'Russia'}) CREATE (a)-[:WORKS_FOR {title: 'President', sources: ['hill-2021-08', 'zerohedge-2021-08']}]->(b);
MATCH (a {name: 'Jacob Heilbrunn'}), (b {name: 'The National Interest'}) CREATE (a)-[:WORKS_FOR {title: 'Editor', sources: ['hill-2021-08']}]->(b);
MATCH (a {name: 'Tyler Durden'}), (b {name: 'ZeroHedge'}) CREATE (a)-[:WORKS_FOR {title: 'Author', sources: ['zerohedge-2021-08']}]->(b);
MATCH (a {name: 'Russian Foreign Ministry'}), (b {name: 'Russia'}) CREATE (a)-[:PART_OF {sources: ['tass-2021-12-03', 'unsigned-2021-12-04', 'hill-2021-08', 'rferl-2022-01-16']}]->(b);
MATCH (a {name: 'US State Department'}), (b {name: 'United States'}) CREATE (a)-[:PART_OF {sources: ['unsigned-2021-12-04', 'hill-2021-08', 'zerohedge-2021-08', 'rferl-2022-01-16']}]->(b);
MATCH (a {name: 'US Embassy in Moscow'}), (b {name: 'United States'}) CREATE (a)-[:PART_OF {sources: ['tass-2021-12-03', 'unsigned-2021-12-04', 'zerohedge-2021-08', 'rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Russian Embassy in Washington'}), (b {name: 'Russia'}) CREATE (a)-[:PART_OF {sources: ['unsigned-2021-12-04', 'zerohedge-2021-08']}]->(b);
MATCH (a {name: 'US Consulate in Vladivostok'}), (b {name: 'United States'}) CREATE (a)-[:PART_OF {sources: ['zerohedge-2021-08', 'rferl-2022-01-16']}]->(b);
MATCH (a {name: 'US Consulate in Yekaterinburg'}), (b {name: 'United States'}) CREATE (a)-[:PART_OF {sources: ['zerohedge-2021-08', 'rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Permanent Mission of Russia to the UN'}), (b {name: 'Russia'}) CREATE (a)-[:PART_OF {sources: ['unsigned-2021-12-04']}]->(b);
MATCH (a {name: 'Sixth Committee of the UN General Assembly'}), (b {name: 'United Nations'}) CREATE (a)-[:PART_OF {sources: ['unsigned-2021-12-04']}]->(b);
MATCH (a {name: 'US Embassy in Moscow'}), (b {name: 'Russia'}) CREATE (a)-[:LOCATED_IN {sources: ['tass-2021-12-03', 'unsigned-2021-12-04', 'zerohedge-2021-08', 'rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Russian Embassy in Washington'}), (b {name: 'United States'}) CREATE (a)-[:LOCATED_IN {sources: ['unsigned-2021-12-04', 'zerohedge-2021-08']}]->(b);
MATCH (a {name: 'US Consulate in Vladivostok'}), (b {name: 'Russia'}) CREATE (a)-[:LOCATED_IN {sources: ['zerohedge-2021-08', 'rferl-2022-01-16']}]->(b);
MATCH (a {name: 'US Consulate in Yekaterinburg'}), (b {name: 'Russia'}) CREATE (a)-[:LOCATED_IN {sources: ['zerohedge-2021-08', 'rferl-2022-01-16']}]->(b);
MATCH (a {name: 'April 2021 US sanctions'}), (b {name: 'United States'}) CREATE (a)-[:IMPOSED_BY {sources: ['tass-2021-12-03', 'hill-2021-08']}]->(b);
MATCH (a {name: 'April 2021 US sanctions'}), (b {name: 'Russia'}) CREATE (a)-[:TARGETS {sources: ['tass-2021-12-03', 'hill-2021-08']}]->(b);
MATCH (a {name: 'US expulsion of Russian diplomats in 2021'}), (b {name: 'United States'}) CREATE (a)-[:IMPOSED_BY {sources: ['tass-2021-12-03', 'zerohedge-2021-08', 'rferl-2022-01-16']}]->(b);
MATCH (a {name: 'US expulsion of Russian diplomats in 2021'}), (b {name: 'Russia'}) CREATE (a)-[:TARGETS {sources: ['tass-2021-12-03', 'zerohedge-2021-08', 'rferl-2022-01-16']}]->(b);
MATCH (a {name: 'US expulsion of Russian diplomats in 2021'}), (b {name: 'Russian Embassy in Washington'}) CREATE (a)-[:TARGETS {sources: ['tass-2021-12-03', 'zerohedge-2021-08', 'rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Expulsion of 10 US diplomats'}), (b {name: 'Russia'}) CREATE (a)-[:IMPOSED_BY {sources: ['hill-2021-08']}]->(b);
MATCH (a {name: 'Expulsion of 10 US diplomats'}), (b {name: 'Russian Foreign Ministry'}) CREATE (a)-[:IMPOSED_BY {sources: ['hill-2021-08']}]->(b);
MATCH (a {name: 'Expulsion of 10 US diplomats'}), (b {name: 'United States'}) CREATE (a)-[:TARGETS {sources: ['hill-2021-08']}]->(b);
MATCH (a {name: 'Expulsion of 10 US diplomats'}), (b {name: 'US Embassy in Moscow'}) CREATE (a)-[:TARGETS {sources: ['hill-2021-08']}]->(b);
MATCH (a {name: 'Expulsion of 10 US diplomats'}), (b {name: 'Sergey Lavrov'}) CREATE (a)-[:ANNOUNCED_BY {date: date('2021-04'), sources: ['hill-2021-08']}]->(b);
MATCH (a {name: 'Ban on US missions hiring local staff'}), (b {name: 'Russia'}) CREATE (a)-[:IMPOSED_BY {sources: ['tass-2021-12-03', 'hill-2021-08', 'zerohedge-2021-08', 'rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Ban on US missions hiring local staff'}), (b {name: 'Russian Foreign Ministry'}) CREATE (a)-[:IMPOSED_BY {sources: ['tass-2021-12-03', 'hill-2021-08', 'zerohedge-2021-08', 'rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Ban on US missions hiring local staff'}), (b {name: 'United States'}) CREATE (a)-[:TARGETS {sources: ['tass-2021-12-03', 'hill-2021-08', 'zerohedge-2021-08', 'rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Ban on US missions hiring local staff'}), (b {name: 'US Embassy in Moscow'}) CREATE (a)-[:TARGETS {sources: ['tass-2021-12-03', 'hill-2021-08', 'zerohedge-2021-08', 'rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Ban on US missions hiring local staff'}), (b {name: 'US Consulate in Vladivostok'}) CREATE (a)-[:TARGETS {sources: ['tass-2021-12-03', 'hill-2021-08', 'zerohedge-2021-08', 'rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Ban on US missions hiring local staff'}), (b {name: 'US Consulate in Yekaterinburg'}) CREATE (a)-[:TARGETS {sources: ['tass-2021-12-03', 'hill-2021-08', 'zerohedge-2021-08', 'rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Reduction of US consular services from 2021-05-12'}), (b {name: 'US Embassy in Moscow'}) CREATE (a)-[:IMPOSED_BY {sources: ['tass-2021-12-03']}]->(b);
MATCH (a {name: 'Reduction of US consular services from 2021-05-12'}), (b {name: 'Russia'}) CREATE (a)-[:TARGETS {sources: ['tass-2021-12-03']}]->(b);
MATCH (a {name: 'Slowdown of visa issuance to diplomatic personnel'}), (b {name: 'United States'}) CREATE (a)-[:IMPOSED_BY {sources: ['tass-2021-12-03']}]->(b);
MATCH (a {name: 'Slowdown of visa issuance to diplomatic personnel'}), (b {name: 'Russia'}) CREATE (a)-[:IMPOSED_BY {sources: ['tass-2021-12-03']}]->(b);
MATCH (a {name: 'Slowdown of visa issuance to diplomatic personnel'}), (b {name: 'United States'}) CREATE (a)-[:TARGETS {sources: ['tass-2021-12-03']}]->(b);
MATCH (a {name: 'Slowdown of visa issuance to diplomatic personnel'}), (b {name: 'Russia'}) CREATE (a)-[:TARGETS {sources: ['tass-2021-12-03']}]->(b);
MATCH (a {name: 'Cut of US citizen services and nonimmigrant visa processing'}), (b {name: 'United States'}) CREATE (a)-[:IMPOSED_BY {sources: ['rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Cut of US citizen services and nonimmigrant visa processing'}), (b {name: 'US Embassy in Moscow'}) CREATE (a)-[:IMPOSED_BY {sources: ['rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Cut of US citizen services and nonimmigrant visa processing'}), (b {name: 'Russia'}) CREATE (a)-[:TARGETS {sources: ['rferl-2022-01-16']}]->(b);
MATCH (a {name: 'End of US consular services for Russians'}), (b {name: 'US Embassy in Moscow'}) CREATE (a)-[:IMPOSED_BY {sources: ['unsigned-2021-12-04']}]->(b);
MATCH (a {name: 'End of US consular services for Russians'}), (b {name: 'Russia'}) CREATE (a)-[:TARGETS {sources: ['unsigned-2021-12-04']}]->(b);
MATCH (a {name: 'End of US consular services for Russians'}), (b {name: 'US Embassy in Moscow'}) CREATE (a)-[:ANNOUNCED_BY {date: date('2021-08'), sources: ['unsigned-2021-12-04']}]->(b);
MATCH (a {name: 'Layoff of local staff at US missions in Russia'}), (b {name: 'United States'}) CREATE (a)-[:IMPOSED_BY {sources: ['zerohedge-2021-08', 'rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Layoff of local staff at US missions in Russia'}), (b {name: 'US State Department'}) CREATE (a)-[:IMPOSED_BY {sources: ['zerohedge-2021-08', 'rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Layoff of local staff at US missions in Russia'}), (b {name: 'US Embassy in Moscow'}) CREATE (a)-[:TARGETS {sources: ['zerohedge-2021-08', 'rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Layoff of local staff at US missions in Russia'}), (b {name: 'US Consulate in Vladivostok'}) CREATE (a)-[:TARGETS {sources: ['zerohedge-2021-08', 'rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Layoff of local staff at US missions in Russia'}), (b {name: 'US Consulate in Yekaterinburg'}) CREATE (a)-[:TARGETS {sources: ['zerohedge-2021-08', 'rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Layoff of local staff at US missions in Russia'}), (b {name: 'US State Department'}) CREATE (a)-[:ANNOUNCED_BY {date: date('2021-07'), sources: ['zerohedge-2021-08']}]->(b);
MATCH (a {name: 'Closure of US consulate in Vladivostok'}), (b {name: 'United States'}) CREATE (a)-[:IMPOSED_BY {sources: ['rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Closure of US consulate in Vladivostok'}), (b {name: 'US Consulate in Vladivostok'}) CREATE (a)-[:TARGETS {sources: ['rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Closure of US consulate in Yekaterinburg'}), (b {name: 'United States'}) CREATE (a)-[:IMPOSED_BY {sources: ['rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Closure of US consulate in Yekaterinburg'}), (b {name: 'US Consulate in Yekaterinburg'}) CREATE (a)-[:TARGETS {sources: ['rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Tit-for-tat closures of diplomatic facilities'}), (b {name: 'Russia'}) CREATE (a)-[:IMPOSED_BY {sources: ['rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Tit-for-tat closures of diplomatic facilities'}), (b {name: 'United States'}) CREATE (a)-[:IMPOSED_BY {sources: ['rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Tit-for-tat closures of diplomatic facilities'}), (b {name: 'Russia'}) CREATE (a)-[:TARGETS {sources: ['rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Tit-for-tat closures of diplomatic facilities'}), (b {name: 'United States'}) CREATE (a)-[:TARGETS {sources: ['rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Three-year limit on assignments of Russian diplomats'}), (b {name: 'United States'}) CREATE (a)-[:IMPOSED_BY {sources: ['unsigned-2021-12-04', 'hill-2021-08', 'rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Three-year limit on assignments of Russian diplomats'}), (b {name: 'US State Department'}) CREATE (a)-[:IMPOSED_BY {sources: ['unsigned-2021-12-04', 'hill-2021-08', 'rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Three-year limit on assignments of Russian diplomats'}), (b {name: 'Russia'}) CREATE (a)-[:TARGETS {sources: ['unsigned-2021-12-04', 'hill-2021-08', 'rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Three-year limit on assignments of Russian diplomats'}), (b {name: 'Russian Embassy in Washington'}) CREATE (a)-[:TARGETS {sources: ['unsigned-2021-12-04', 'hill-2021-08', 'rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Tightened US visa procedures for Russian diplomats'}), (b {name: 'United States'}) CREATE (a)-[:IMPOSED_BY {sources: ['hill-2021-08', 'zerohedge-2021-08']}]->(b);
MATCH (a {name: 'Tightened US visa procedures for Russian diplomats'}), (b {name: 'Russia'}) CREATE (a)-[:TARGETS {sources: ['hill-2021-08', 'zerohedge-2021-08']}]->(b);
MATCH (a {name: 'Tightened US visa procedures for Russian diplomats'}), (b {name: 'Russian Embassy in Washington'}) CREATE (a)-[:TARGETS {sources: ['hill-2021-08', 'zerohedge-2021-08']}]->(b);
MATCH (a {name: 'Delays in renewing visas of Russian diplomats'}), (b {name: 'United States'}) CREATE (a)-[:IMPOSED_BY {sources: ['hill-2021-08']}]->(b);
MATCH (a {name: 'Delays in renewing visas of Russian diplomats'}), (b {name: 'Russia'}) CREATE (a)-[:TARGETS {sources: ['hill-2021-08']}]->(b);
MATCH (a {name: 'Delays in renewing visas of Russian diplomats'}), (b {name: 'Russian Embassy in Washington'}) CREATE (a)-[:TARGETS {sources: ['hill-2021-08']}]->(b);
MATCH (a {name: 'Visa restrictions on families of Russian diplomats'}), (b {name: 'United States'}) CREATE (a)-[:IMPOSED_BY {sources: ['unsigned-2021-12-04', 'hill-2021-08']}]->(b);
MATCH (a {name: 'Visa restrictions on families of Russian diplomats'}), (b {name: 'Russia'}) CREATE (a)-[:TARGETS {sources: ['unsigned-2021-12-04', 'hill-2021-08']}]->(b);
MATCH (a {name: 'Visa restrictions on families of Russian diplomats'}), (b {name: 'Russian Embassy in Washington'}) CREATE (a)-[:TARGETS {sources: ['unsigned-2021-12-04', 'hill-2021-08']}]->(b);
MATCH (a {name: 'Departure of 24 Russian diplomats by 2021-09-03'}), (b {name: 'United States'}) CREATE (a)-[:IMPOSED_BY {sources: ['hill-2021-08', 'zerohedge-2021-08']}]->(b);
MATCH (a {name: 'Departure of 24 Russian diplomats by 2021-09-03'}), (b {name: 'Russia'}) CREATE (a)-[:TARGETS {sources: ['hill-2021-08', 'zerohedge-2021-08']}]->(b);
MATCH (a {name: 'Departure of 24 Russian diplomats by 2021-09-03'}), (b {name: 'Russian Embassy in Washington'}) CREATE (a)-[:TARGETS {sources: ['hill-2021-08', 'zerohedge-2021-08']}]->(b);
MATCH (a {name: 'Departure of 24 Russian diplomats by 2021-09-03'}), (b {name: 'Anatoly Antonov'}) CREATE (a)-[:ANNOUNCED_BY {date: date('2021-08'), sources: ['hill-2021-08', 'zerohedge-2021-08']}]->(b);
MATCH (a {name: 'US demand that 55 Russian diplomats leave'}), (b {name: 'United States'}) CREATE (a)-[:IMPOSED_BY {sources: ['unsigned-2021-12-04']}]->(b);
MATCH (a {name: 'US demand that 55 Russian diplomats leave'}), (b {name: 'Russia'}) CREATE (a)-[:TARGETS {sources: ['unsigned-2021-12-04']}]->(b);
MATCH (a {name: 'US demand that 55 Russian diplomats leave'}), (b {name: 'Russian Embassy in Washington'}) CREATE (a)-[:TARGETS {sources: ['unsigned-2021-12-04']}]->(b);
MATCH (a {name: 'US demand that 55 Russian diplomats leave'}), (b {name: 'Maria Zakharova'}) CREATE (a)-[:ANNOUNCED_BY {date: date('2021-10'), sources: ['unsigned-2021-12-04']}]->(b);
MATCH (a {name: 'Departure of 27 Russian diplomats by 2022-01-30'}), (b {name: 'United States'}) CREATE (a)-[:IMPOSED_BY {sources: ['tass-2021-12-03', 'rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Departure of 27 Russian diplomats by 2022-01-30'}), (b {name: 'US State Department'}) CREATE (a)-[:IMPOSED_BY {sources: ['tass-2021-12-03', 'rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Departure of 27 Russian diplomats by 2022-01-30'}), (b {name: 'Russia'}) CREATE (a)-[:TARGETS {sources: ['tass-2021-12-03', 'rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Departure of 27 Russian diplomats by 2022-01-30'}), (b {name: 'Russian Embassy in Washington'}) CREATE (a)-[:TARGETS {sources: ['tass-2021-12-03', 'rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Departure of 27 Russian diplomats by 2022-01-30'}), (b {name: 'Anatoly Antonov'}) CREATE (a)-[:ANNOUNCED_BY {date: date('2021-12-03'), sources: ['tass-2021-12-03']}]->(b);
MATCH (a {name: 'Departure of more Russian diplomats by 2022-06-30'}), (b {name: 'United States'}) CREATE (a)-[:IMPOSED_BY {sources: ['tass-2021-12-03', 'rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Departure of more Russian diplomats by 2022-06-30'}), (b {name: 'US State Department'}) CREATE (a)-[:IMPOSED_BY {sources: ['tass-2021-12-03', 'rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Departure of more Russian diplomats by 2022-06-30'}), (b {name: 'Russia'}) CREATE (a)-[:TARGETS {sources: ['tass-2021-12-03', 'rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Departure of more Russian diplomats by 2022-06-30'}), (b {name: 'Russian Embassy in Washington'}) CREATE (a)-[:TARGETS {sources: ['tass-2021-12-03', 'rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Departure of more Russian diplomats by 2022-06-30'}), (b {name: 'Anatoly Antonov'}) CREATE (a)-[:ANNOUNCED_BY {date: date('2021-12-03'), sources: ['tass-2021-12-03']}]->(b);
MATCH (a {name: 'Departure of US embassy staff with over three years in Moscow by 2022-01-31'}), (b {name: 'Russia'}) CREATE (a)-[:IMPOSED_BY {sources: ['unsigned-2021-12-04', 'rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Departure of US embassy staff with over three years in Moscow by 2022-01-31'}), (b {name: 'Russian Foreign Ministry'}) CREATE (a)-[:IMPOSED_BY {sources: ['unsigned-2021-12-04', 'rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Departure of US embassy staff with over three years in Moscow by 2022-01-31'}), (b {name: 'United States'}) CREATE (a)-[:TARGETS {sources: ['unsigned-2021-12-04', 'rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Departure of US embassy staff with over three years in Moscow by 2022-01-31'}), (b {name: 'US Embassy in Moscow'}) CREATE (a)-[:TARGETS {sources: ['unsigned-2021-12-04', 'rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Departure of US embassy staff with over three years in Moscow by 2022-01-31'}), (b {name: 'Maria Zakharova'}) CREATE (a)-[:ANNOUNCED_BY {date: date('2021-12-01'), sources: ['rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Threatened departure of more US diplomats around 2022-07-01'}), (b {name: 'Russia'}) CREATE (a)-[:IMPOSED_BY {sources: ['unsigned-2021-12-04', 'rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Threatened departure of more US diplomats around 2022-07-01'}), (b {name: 'Russian Foreign Ministry'}) CREATE (a)-[:IMPOSED_BY {sources: ['unsigned-2021-12-04', 'rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Threatened departure of more US diplomats around 2022-07-01'}), (b {name: 'United States'}) CREATE (a)-[:TARGETS {sources: ['unsigned-2021-12-04', 'rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Threatened departure of more US diplomats around 2022-07-01'}), (b {name: 'US Embassy in Moscow'}) CREATE (a)-[:TARGETS {sources: ['unsigned-2021-12-04', 'rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Threatened departure of more US diplomats around 2022-07-01'}), (b {name: 'Maria Zakharova'}) CREATE (a)-[:ANNOUNCED_BY {date: date('2021-12-01'), sources: ['rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Denial of visas to Russian UN delegates and mission staff'}), (b {name: 'United States'}) CREATE (a)-[:IMPOSED_BY {sources: ['unsigned-2021-12-04']}]->(b);
MATCH (a {name: 'Denial of visas to Russian UN delegates and mission staff'}), (b {name: 'Russia'}) CREATE (a)-[:TARGETS {sources: ['unsigned-2021-12-04']}]->(b);
MATCH (a {name: 'Denial of visas to Russian UN delegates and mission staff'}), (b {name: 'Permanent Mission of Russia to the UN'}) CREATE (a)-[:TARGETS {sources: ['unsigned-2021-12-04']}]->(b);
MATCH (a {name: 'Quota of 455 diplomats for the US embassy'}), (b {name: 'Russia'}) CREATE (a)-[:IMPOSED_BY {sources: ['tass-2021-12-03']}]->(b);
MATCH (a {name: 'Quota of 455 diplomats for the US embassy'}), (b {name: 'Russian Foreign Ministry'}) CREATE (a)-[:IMPOSED_BY {sources: ['tass-2021-12-03']}]->(b);
MATCH (a {name: 'Quota of 455 diplomats for the US embassy'}), (b {name: 'US Embassy in Moscow'}) CREATE (a)-[:TARGETS {sources: ['tass-2021-12-03']}]->(b);
MATCH (a {name: 'Expulsion of 10 US diplomats'}), (b {name: 'April 2021 US sanctions'}) CREATE (a)-[:RESPONDS_TO {basis: 'stated', claimed_by: 'Sergey Lavrov', sources: ['hill-2021-08']}]->(b);
MATCH (a {name: 'Ban on US missions hiring local staff'}), (b {name: 'April 2021 US sanctions'}) CREATE (a)-[:RESPONDS_TO {basis: 'stated', claimed_by: 'Anatoly Antonov', sources: ['hill-2021-08']}]->(b);
MATCH (a {name: 'Ban on US missions hiring local staff'}), (b {name: 'April 2021 US sanctions'}) CREATE (a)-[:RESPONDS_TO {basis: 'stated', claimed_by: 'TASS', sources: ['tass-2021-12-03']}]->(b);
MATCH (a {name: 'Ban on US missions hiring local staff'}), (b {name: 'US expulsion of Russian diplomats in 2021'}) CREATE (a)-[:RESPONDS_TO {basis: 'stated', claimed_by: 'TASS', sources: ['tass-2021-12-03']}]->(b);
MATCH (a {name: 'Ban on US missions hiring local staff'}), (b {name: 'US expulsion of Russian diplomats in 2021'}) CREATE (a)-[:RESPONDS_TO {basis: 'implied', claimed_by: 'RFE/RL', sources: ['rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Reduction of US consular services from 2021-05-12'}), (b {name: 'Ban on US missions hiring local staff'}) CREATE (a)-[:RESPONDS_TO {basis: 'implied', claimed_by: 'TASS', sources: ['tass-2021-12-03']}]->(b);
MATCH (a {name: 'Cut of US citizen services and nonimmigrant visa processing'}), (b {name: 'Ban on US missions hiring local staff'}) CREATE (a)-[:RESPONDS_TO {basis: 'stated', claimed_by: 'RFE/RL', sources: ['rferl-2022-01-16']}]->(b);
MATCH (a {name: 'End of US consular services for Russians'}), (b {name: 'Ban on US missions hiring local staff'}) CREATE (a)-[:RESPONDS_TO {basis: 'implied', claimed_by: 'RFE/RL', sources: ['unsigned-2021-12-04', 'rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Layoff of local staff at US missions in Russia'}), (b {name: 'Ban on US missions hiring local staff'}) CREATE (a)-[:RESPONDS_TO {basis: 'stated', claimed_by: 'ZeroHedge', sources: ['zerohedge-2021-08', 'rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Closure of US consulate in Vladivostok'}), (b {name: 'Ban on US missions hiring local staff'}) CREATE (a)-[:RESPONDS_TO {basis: 'stated', claimed_by: 'RFE/RL', sources: ['rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Closure of US consulate in Yekaterinburg'}), (b {name: 'Ban on US missions hiring local staff'}) CREATE (a)-[:RESPONDS_TO {basis: 'stated', claimed_by: 'RFE/RL', sources: ['rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Closure of US consulate in Vladivostok'}), (b {name: 'Layoff of local staff at US missions in Russia'}) CREATE (a)-[:RESPONDS_TO {basis: 'implied', claimed_by: 'RFE/RL', sources: ['rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Closure of US consulate in Yekaterinburg'}), (b {name: 'Layoff of local staff at US missions in Russia'}) CREATE (a)-[:RESPONDS_TO {basis: 'implied', claimed_by: 'RFE/RL', sources: ['rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Departure of 24 Russian diplomats by 2021-09-03'}), (b {name: 'Layoff of local staff at US missions in Russia'}) CREATE (a)-[:RESPONDS_TO {basis: 'implied', claimed_by: 'Tyler Durden', sources: ['zerohedge-2021-08']}]->(b);
MATCH (a {name: 'Departure of US embassy staff with over three years in Moscow by 2022-01-31'}), (b {name: 'Departure of 27 Russian diplomats by 2022-01-30'}) CREATE (a)-[:RESPONDS_TO {basis: 'stated', claimed_by: 'RFE/RL', sources: ['rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Departure of US embassy staff with over three years in Moscow by 2022-01-31'}), (b {name: 'Three-year limit on assignments of Russian diplomats'}) CREATE (a)-[:RESPONDS_TO {basis: 'implied', claimed_by: 'RFE/RL', sources: ['rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Threatened departure of more US diplomats around 2022-07-01'}), (b {name: 'Departure of more Russian diplomats by 2022-06-30'}) CREATE (a)-[:RESPONDS_TO {basis: 'stated', claimed_by: 'Maria Zakharova', sources: ['rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Joe Biden'}), (b {name: 'Geneva summit'}) CREATE (a)-[:PARTICIPATED_IN {sources: ['hill-2021-08', 'zerohedge-2021-08']}]->(b);
MATCH (a {name: 'Vladimir Putin'}), (b {name: 'Geneva summit'}) CREATE (a)-[:PARTICIPATED_IN {sources: ['hill-2021-08', 'zerohedge-2021-08']}]->(b);
MATCH (a {name: 'United States'}), (b {name: 'Geneva summit'}) CREATE (a)-[:PARTICIPATED_IN {sources: ['hill-2021-08', 'zerohedge-2021-08']}]->(b);
MATCH (a {name: 'Russia'}), (b {name: 'Geneva summit'}) CREATE (a)-[:PARTICIPATED_IN {sources: ['hill-2021-08', 'zerohedge-2021-08']}]->(b);
MATCH (a {name: 'United States'}), (b {name: 'Vienna meeting on visas'}) CREATE (a)-[:PARTICIPATED_IN {sources: ['tass-2021-12-03']}]->(b);
MATCH (a {name: 'Russia'}), (b {name: 'Vienna meeting on visas'}) CREATE (a)-[:PARTICIPATED_IN {sources: ['tass-2021-12-03']}]->(b);
MATCH (a {name: 'Washington Post report of a visa breakthrough'}), (b {name: 'The Washington Post'}) CREATE (a)-[:REPORTED_BY {sources: ['tass-2021-12-03', 'unsigned-2021-12-04']}]->(b);
MATCH (a {name: 'Russia'}), (b {name: 'Russian request for UN arbitration on visas'}) CREATE (a)-[:PARTICIPATED_IN {sources: ['unsigned-2021-12-04']}]->(b);
MATCH (a {name: 'Sergei Leonidchenko'}), (b {name: 'Russian request for UN arbitration on visas'}) CREATE (a)-[:PARTICIPATED_IN {sources: ['unsigned-2021-12-04']}]->(b);
MATCH (a {name: 'Russian request for UN arbitration on visas'}), (b {name: 'Sergei Leonidchenko'}) CREATE (a)-[:ANNOUNCED_BY {date: date('2021-11'), sources: ['unsigned-2021-12-04']}]->(b);
MATCH (a {name: 'Russian request for UN arbitration on visas'}), (b {name: 'Denial of visas to Russian UN delegates and mission staff'}) CREATE (a)-[:RESPONDS_TO {basis: 'stated', claimed_by: 'Sergei Leonidchenko', sources: ['unsigned-2021-12-04']}]->(b);
MATCH (a {name: 'United States'}), (b {name: 'US-Russia nuclear arms control talks'}) CREATE (a)-[:PARTICIPATED_IN {sources: ['zerohedge-2021-08']}]->(b);
MATCH (a {name: 'Russia'}), (b {name: 'US-Russia nuclear arms control talks'}) CREATE (a)-[:PARTICIPATED_IN {sources: ['zerohedge-2021-08']}]->(b);
MATCH (a {name: 'US-Russia nuclear arms control talks'}), (b {name: 'Geneva summit'}) CREATE (a)-[:RESPONDS_TO {basis: 'stated', claimed_by: 'ZeroHedge', sources: ['zerohedge-2021-08']}]->(b);
MATCH (a {name: 'United States'}), (b {name: 'US-Russia consultations on diplomatic visas'}) CREATE (a)-[:PARTICIPATED_IN {sources: ['tass-2021-12-03', 'unsigned-2021-12-04']}]->(b);
MATCH (a {name: 'Russia'}), (b {name: 'US-Russia consultations on diplomatic visas'}) CREATE (a)-[:PARTICIPATED_IN {sources: ['tass-2021-12-03', 'unsigned-2021-12-04']}]->(b);
MATCH (a {name: 'John Sullivan'}), (b {name: 'John Sullivan returns to Washington for consultations'}) CREATE (a)-[:PARTICIPATED_IN {sources: ['hill-2021-08']}]->(b);
MATCH (a {name: 'John Sullivan returns to Washington for consultations'}), (b {name: 'Expulsion of 10 US diplomats'}) CREATE (a)-[:RESPONDS_TO {basis: 'stated', claimed_by: 'The Hill', sources: ['hill-2021-08']}]->(b);
MATCH (a {name: 'John Sullivan'}), (b {name: 'John Sullivan returns to Moscow'}) CREATE (a)-[:PARTICIPATED_IN {sources: ['hill-2021-08', 'zerohedge-2021-08']}]->(b);
MATCH (a {name: 'John Sullivan returns to Moscow'}), (b {name: 'Geneva summit'}) CREATE (a)-[:RESPONDS_TO {basis: 'implied', claimed_by: 'ZeroHedge', sources: ['zerohedge-2021-08']}]->(b);
MATCH (a {name: 'US Embassy in Moscow'}), (b {name: 'US Embassy in Moscow reduced to 120 employees'}) CREATE (a)-[:PARTICIPATED_IN {sources: ['tass-2021-12-03']}]->(b);
MATCH (a {name: 'US Embassy in Moscow reduced to 120 employees'}), (b {name: 'Ban on US missions hiring local staff'}) CREATE (a)-[:RESPONDS_TO {basis: 'implied', claimed_by: 'TASS', sources: ['tass-2021-12-03']}]->(b);
MATCH (a {name: 'Anatoly Antonov'}), (b {name: 'Antonov interview with The National Interest'}) CREATE (a)-[:PARTICIPATED_IN {sources: ['hill-2021-08']}]->(b);
MATCH (a {name: 'Jacob Heilbrunn'}), (b {name: 'Antonov interview with The National Interest'}) CREATE (a)-[:PARTICIPATED_IN {sources: ['hill-2021-08']}]->(b);
MATCH (a {name: 'Antonov interview with The National Interest'}), (b {name: 'The National Interest'}) CREATE (a)-[:REPORTED_BY {sources: ['hill-2021-08']}]->(b);
MATCH (a {name: 'Maria Zakharova'}), (b {name: 'Zakharova briefing of 2021-12-01'}) CREATE (a)-[:PARTICIPATED_IN {sources: ['rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Russia'}), (b {name: 'Annexation of Crimea'}) CREATE (a)-[:PARTICIPATED_IN {sources: ['rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Russia'}), (b {name: 'Russian backing of separatists in eastern Ukraine'}) CREATE (a)-[:PARTICIPATED_IN {sources: ['rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Russia'}), (b {name: 'Russian meddling in US elections'}) CREATE (a)-[:PARTICIPATED_IN {sources: ['rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Russia'}), (b {name: 'Poisoning and jailing of Aleksei Navalny'}) CREATE (a)-[:PARTICIPATED_IN {sources: ['rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Russia'}), (b {name: 'Cyberattacks attributed to Russia'}) CREATE (a)-[:PARTICIPATED_IN {sources: ['rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Annexation of Crimea'}), (b {name: 'Ukraine'}) CREATE (a)-[:TARGETS {sources: ['rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Russian backing of separatists in eastern Ukraine'}), (b {name: 'Ukraine'}) CREATE (a)-[:TARGETS {sources: ['rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Poisoning and jailing of Aleksei Navalny'}), (b {name: 'Aleksei Navalny'}) CREATE (a)-[:TARGETS {sources: ['rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Anatoly Antonov'}), (b {name: 'Antonov: the departures are a de facto expulsion'}) CREATE (a)-[:SAID {sources: ['tass-2021-12-03']}]->(b);
MATCH (a {name: 'Antonov: the departures are a de facto expulsion'}), (b {name: 'Departure of 27 Russian diplomats by 2022-01-30'}) CREATE (a)-[:ABOUT {sources: ['tass-2021-12-03']}]->(b);
MATCH (a {name: 'Antonov: the departures are a de facto expulsion'}), (b {name: 'Departure of more Russian diplomats by 2022-06-30'}) CREATE (a)-[:ABOUT {sources: ['tass-2021-12-03']}]->(b);
MATCH (a {name: 'Anatoly Antonov'}), (b {name: 'Antonov: refusing to extend visas amounts to expulsion'}) CREATE (a)-[:SAID {sources: ['rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Antonov: refusing to extend visas amounts to expulsion'}), (b {name: 'Departure of 27 Russian diplomats by 2022-01-30'}) CREATE (a)-[:ABOUT {sources: ['rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Antonov: refusing to extend visas amounts to expulsion'}), (b {name: 'Departure of more Russian diplomats by 2022-06-30'}) CREATE (a)-[:ABOUT {sources: ['rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Maria Zakharova'}), (b {name: 'Zakharova: Moscow regards the US actions as expulsion'}) CREATE (a)-[:SAID {sources: ['unsigned-2021-12-04']}]->(b);
MATCH (a {name: 'Russian Foreign Ministry'}), (b {name: 'Zakharova: Moscow regards the US actions as expulsion'}) CREATE (a)-[:SAID {sources: ['unsigned-2021-12-04']}]->(b);
MATCH (a {name: 'Zakharova: Moscow regards the US actions as expulsion'}), (b {name: 'US demand that 55 Russian diplomats leave'}) CREATE (a)-[:ABOUT {sources: ['unsigned-2021-12-04']}]->(b);
MATCH (a {name: 'US State Department'}), (b {name: 'State Department: this is not an expulsion'}) CREATE (a)-[:SAID {sources: ['rferl-2022-01-16']}]->(b);
MATCH (a {name: 'State Department: this is not an expulsion'}), (b {name: 'Departure of 27 Russian diplomats by 2022-01-30'}) CREATE (a)-[:ABOUT {sources: ['rferl-2022-01-16']}]->(b);
MATCH (a {name: 'State Department: this is not an expulsion'}), (b {name: 'Three-year limit on assignments of Russian diplomats'}) CREATE (a)-[:ABOUT {sources: ['rferl-2022-01-16']}]->(b);
MATCH (a {name: 'US State Department'}), (b {name: 'State Department: the diplomats have served more than three years'}) CREATE (a)-[:SAID {sources: ['unsigned-2021-12-04']}]->(b);
MATCH (a {name: 'State Department: the diplomats have served more than three years'}), (b {name: 'US demand that 55 Russian diplomats leave'}) CREATE (a)-[:ABOUT {sources: ['unsigned-2021-12-04']}]->(b);
MATCH (a {name: 'State Department: the diplomats have served more than three years'}), (b {name: 'Three-year limit on assignments of Russian diplomats'}) CREATE (a)-[:ABOUT {sources: ['unsigned-2021-12-04']}]->(b);
MATCH (a {name: 'Jalina Porter'}), (b {name: 'Porter: the measure ensures parity between the missions'}) CREATE (a)-[:SAID {sources: ['unsigned-2021-12-04']}]->(b);
MATCH (a {name: 'Porter: the measure ensures parity between the missions'}), (b {name: 'US demand that 55 Russian diplomats leave'}) CREATE (a)-[:ABOUT {sources: ['unsigned-2021-12-04']}]->(b);
MATCH (a {name: 'Ned Price'}), (b {name: 'Price: the US is not using visas to retaliate'}) CREATE (a)-[:SAID {sources: ['hill-2021-08']}]->(b);
MATCH (a {name: 'Price: the US is not using visas to retaliate'}), (b {name: 'Departure of 24 Russian diplomats by 2021-09-03'}) CREATE (a)-[:ABOUT {sources: ['hill-2021-08']}]->(b);
MATCH (a {name: 'Price: the US is not using visas to retaliate'}), (b {name: 'Three-year limit on assignments of Russian diplomats'}) CREATE (a)-[:ABOUT {sources: ['hill-2021-08']}]->(b);
MATCH (a {name: 'Price: the US is not using visas to retaliate'}), (b {name: 'Reuters'}) CREATE (a)-[:REPORTED_BY {sources: ['hill-2021-08']}]->(b);
MATCH (a {name: 'Anatoly Antonov'}), (b {name: 'Antonov: 24 diplomats must leave by September 3, almost none replaced'}) CREATE (a)-[:SAID {sources: ['hill-2021-08', 'zerohedge-2021-08']}]->(b);
MATCH (a {name: 'Antonov: 24 diplomats must leave by September 3, almost none replaced'}), (b {name: 'Departure of 24 Russian diplomats by 2021-09-03'}) CREATE (a)-[:ABOUT {sources: ['hill-2021-08', 'zerohedge-2021-08']}]->(b);
MATCH (a {name: 'Antonov: 24 diplomats must leave by September 3, almost none replaced'}), (b {name: 'Tightened US visa procedures for Russian diplomats'}) CREATE (a)-[:ABOUT {sources: ['hill-2021-08', 'zerohedge-2021-08']}]->(b);
MATCH (a {name: 'Antonov: 24 diplomats must leave by September 3, almost none replaced'}), (b {name: 'Reuters'}) CREATE (a)-[:REPORTED_BY {sources: ['zerohedge-2021-08']}]->(b);
MATCH (a {name: 'Anatoly Antonov'}), (b {name: 'Antonov: visa delays aim to squeeze Russian diplomats out'}) CREATE (a)-[:SAID {sources: ['hill-2021-08']}]->(b);
MATCH (a {name: 'Antonov: visa delays aim to squeeze Russian diplomats out'}), (b {name: 'Delays in renewing visas of Russian diplomats'}) CREATE (a)-[:ABOUT {sources: ['hill-2021-08']}]->(b);
MATCH (a {name: 'Tyler Durden'}), (b {name: 'ZeroHedge: the 24 departures are likely retaliation for the layoffs'}) CREATE (a)-[:SAID {sources: ['zerohedge-2021-08']}]->(b);
MATCH (a {name: 'ZeroHedge'}), (b {name: 'ZeroHedge: the 24 departures are likely retaliation for the layoffs'}) CREATE (a)-[:SAID {sources: ['zerohedge-2021-08']}]->(b);
MATCH (a {name: 'ZeroHedge: the 24 departures are likely retaliation for the layoffs'}), (b {name: 'Departure of 24 Russian diplomats by 2021-09-03'}) CREATE (a)-[:ABOUT {sources: ['zerohedge-2021-08']}]->(b);
MATCH (a {name: 'ZeroHedge: the 24 departures are likely retaliation for the layoffs'}), (b {name: 'Layoff of local staff at US missions in Russia'}) CREATE (a)-[:ABOUT {sources: ['zerohedge-2021-08']}]->(b);
MATCH (a {name: 'Anatoly Antonov'}), (b {name: 'Antonov: spouses lose accreditation and children get no visas'}) CREATE (a)-[:SAID {sources: ['unsigned-2021-12-04']}]->(b);
MATCH (a {name: 'Antonov: spouses lose accreditation and children get no visas'}), (b {name: 'Visa restrictions on families of Russian diplomats'}) CREATE (a)-[:ABOUT {sources: ['unsigned-2021-12-04']}]->(b);
MATCH (a {name: 'Anatoly Antonov'}), (b {name: 'Antonov: valid visas of spouses and children cancelled without reasons'}) CREATE (a)-[:SAID {sources: ['hill-2021-08']}]->(b);
MATCH (a {name: 'Antonov: valid visas of spouses and children cancelled without reasons'}), (b {name: 'Visa restrictions on families of Russian diplomats'}) CREATE (a)-[:ABOUT {sources: ['hill-2021-08']}]->(b);
MATCH (a {name: 'Anatoly Antonov'}), (b {name: 'Antonov: about 60 colleagues, 130 with families, cannot travel home'}) CREATE (a)-[:SAID {sources: ['hill-2021-08']}]->(b);
MATCH (a {name: 'Antonov: about 60 colleagues, 130 with families, cannot travel home'}), (b {name: 'Delays in renewing visas of Russian diplomats'}) CREATE (a)-[:ABOUT {sources: ['hill-2021-08']}]->(b);
MATCH (a {name: 'Anatoly Antonov'}), (b {name: 'Antonov: the outflow could cause staff shortages'}) CREATE (a)-[:SAID {sources: ['unsigned-2021-12-04']}]->(b);
MATCH (a {name: 'Antonov: the outflow could cause staff shortages'}), (b {name: 'US demand that 55 Russian diplomats leave'}) CREATE (a)-[:ABOUT {sources: ['unsigned-2021-12-04']}]->(b);
MATCH (a {name: 'Anatoly Antonov'}), (b {name: 'Antonov: there has been no breakthrough on visas'}) CREATE (a)-[:SAID {sources: ['tass-2021-12-03']}]->(b);
MATCH (a {name: 'Antonov: there has been no breakthrough on visas'}), (b {name: 'Washington Post report of a visa breakthrough'}) CREATE (a)-[:ABOUT {sources: ['tass-2021-12-03']}]->(b);
MATCH (a {name: 'Antonov: there has been no breakthrough on visas'}), (b {name: 'US-Russia consultations on diplomatic visas'}) CREATE (a)-[:ABOUT {sources: ['tass-2021-12-03']}]->(b);
MATCH (a {name: 'The Washington Post'}), (b {name: 'The Washington Post: a quiet breakthrough in the visa talks'}) CREATE (a)-[:SAID {sources: ['tass-2021-12-03', 'unsigned-2021-12-04']}]->(b);
MATCH (a {name: 'The Washington Post: a quiet breakthrough in the visa talks'}), (b {name: 'Vienna meeting on visas'}) CREATE (a)-[:ABOUT {sources: ['tass-2021-12-03', 'unsigned-2021-12-04']}]->(b);
MATCH (a {name: 'The Washington Post: a quiet breakthrough in the visa talks'}), (b {name: 'US-Russia consultations on diplomatic visas'}) CREATE (a)-[:ABOUT {sources: ['tass-2021-12-03', 'unsigned-2021-12-04']}]->(b);
MATCH (a {name: 'Antony Blinken'}), (b {name: 'Blinken: the layoffs are regrettable'}) CREATE (a)-[:SAID {sources: ['zerohedge-2021-08']}]->(b);
MATCH (a {name: 'Blinken: the layoffs are regrettable'}), (b {name: 'Layoff of local staff at US missions in Russia'}) CREATE (a)-[:ABOUT {sources: ['zerohedge-2021-08']}]->(b);
MATCH (a {name: 'Blinken: the layoffs are regrettable'}), (b {name: 'Ban on US missions hiring local staff'}) CREATE (a)-[:ABOUT {sources: ['zerohedge-2021-08']}]->(b);
MATCH (a {name: 'Anatoly Antonov'}), (b {name: 'Antonov: the April sanctions obliged Russia to equalize conditions'}) CREATE (a)-[:SAID {sources: ['hill-2021-08']}]->(b);
MATCH (a {name: 'Antonov: the April sanctions obliged Russia to equalize conditions'}), (b {name: 'Ban on US missions hiring local staff'}) CREATE (a)-[:ABOUT {sources: ['hill-2021-08']}]->(b);
MATCH (a {name: 'Antonov: the April sanctions obliged Russia to equalize conditions'}), (b {name: 'April 2021 US sanctions'}) CREATE (a)-[:ABOUT {sources: ['hill-2021-08']}]->(b);
MATCH (a {name: 'Anatoly Antonov'}), (b {name: 'Antonov: relations did not improve after Geneva'}) CREATE (a)-[:SAID {sources: ['hill-2021-08']}]->(b);
MATCH (a {name: 'Antonov: relations did not improve after Geneva'}), (b {name: 'Geneva summit'}) CREATE (a)-[:ABOUT {sources: ['hill-2021-08']}]->(b);
MATCH (a {name: 'Anatoly Antonov'}), (b {name: 'Antonov: hopes to normalize diplomats\' lives on the principle of reciprocity'}) CREATE (a)-[:SAID {sources: ['zerohedge-2021-08']}]->(b);
MATCH (a {name: 'Antonov: hopes to normalize diplomats\' lives on the principle of reciprocity'}), (b {name: 'US-Russia consultations on diplomatic visas'}) CREATE (a)-[:ABOUT {sources: ['zerohedge-2021-08']}]->(b);
MATCH (a {name: 'Antonov: hopes to normalize diplomats\' lives on the principle of reciprocity'}), (b {name: 'US-Russia nuclear arms control talks'}) CREATE (a)-[:ABOUT {sources: ['zerohedge-2021-08']}]->(b);
MATCH (a {name: 'Sergei Ryabkov'}), (b {name: 'Ryabkov: arms control talks are only at the beginning'}) CREATE (a)-[:SAID {sources: ['zerohedge-2021-08']}]->(b);
MATCH (a {name: 'Ryabkov: arms control talks are only at the beginning'}), (b {name: 'US-Russia nuclear arms control talks'}) CREATE (a)-[:ABOUT {sources: ['zerohedge-2021-08']}]->(b);
MATCH (a {name: 'Ryabkov: arms control talks are only at the beginning'}), (b {name: 'The Wall Street Journal'}) CREATE (a)-[:REPORTED_BY {sources: ['zerohedge-2021-08']}]->(b);
MATCH (a {name: 'Sergei Koshelev'}), (b {name: 'Koshelev: there is a chance to resume US visa issuance in Russia'}) CREATE (a)-[:SAID {sources: ['unsigned-2021-12-04']}]->(b);
MATCH (a {name: 'Koshelev: there is a chance to resume US visa issuance in Russia'}), (b {name: 'US-Russia consultations on diplomatic visas'}) CREATE (a)-[:ABOUT {sources: ['unsigned-2021-12-04']}]->(b);
MATCH (a {name: 'Koshelev: there is a chance to resume US visa issuance in Russia'}), (b {name: 'End of US consular services for Russians'}) CREATE (a)-[:ABOUT {sources: ['unsigned-2021-12-04']}]->(b);
MATCH (a {name: 'Sergei Leonidchenko'}), (b {name: 'Leonidchenko: visa problems for more than four years'}) CREATE (a)-[:SAID {sources: ['unsigned-2021-12-04']}]->(b);
MATCH (a {name: 'Leonidchenko: visa problems for more than four years'}), (b {name: 'Denial of visas to Russian UN delegates and mission staff'}) CREATE (a)-[:ABOUT {sources: ['unsigned-2021-12-04']}]->(b);
MATCH (a {name: 'Leonidchenko: visa problems for more than four years'}), (b {name: 'Russian request for UN arbitration on visas'}) CREATE (a)-[:ABOUT {sources: ['unsigned-2021-12-04']}]->(b);
MATCH (a {name: 'Maria Zakharova'}), (b {name: 'Zakharova: Russia will respond in kind'}) CREATE (a)-[:SAID {sources: ['rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Russian Foreign Ministry'}), (b {name: 'Zakharova: Russia will respond in kind'}) CREATE (a)-[:SAID {sources: ['rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Zakharova: Russia will respond in kind'}), (b {name: 'Departure of 27 Russian diplomats by 2022-01-30'}) CREATE (a)-[:ABOUT {sources: ['rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Zakharova: Russia will respond in kind'}), (b {name: 'Departure of US embassy staff with over three years in Moscow by 2022-01-31'}) CREATE (a)-[:ABOUT {sources: ['rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Maria Zakharova'}), (b {name: 'Zakharova: more US diplomats leave before July 1 unless Washington compromises'}) CREATE (a)-[:SAID {sources: ['rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Zakharova: more US diplomats leave before July 1 unless Washington compromises'}), (b {name: 'Threatened departure of more US diplomats around 2022-07-01'}) CREATE (a)-[:ABOUT {sources: ['rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Zakharova: more US diplomats leave before July 1 unless Washington compromises'}), (b {name: 'Three-year limit on assignments of Russian diplomats'}) CREATE (a)-[:ABOUT {sources: ['rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Zakharova: more US diplomats leave before July 1 unless Washington compromises'}), (b {name: 'Departure of more Russian diplomats by 2022-06-30'}) CREATE (a)-[:ABOUT {sources: ['rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Maria Zakharova'}), (b {name: 'Zakharova: the US demanded that 55 Russian diplomats leave'}) CREATE (a)-[:SAID {sources: ['unsigned-2021-12-04']}]->(b);
MATCH (a {name: 'Zakharova: the US demanded that 55 Russian diplomats leave'}), (b {name: 'US demand that 55 Russian diplomats leave'}) CREATE (a)-[:ABOUT {sources: ['unsigned-2021-12-04']}]->(b);
MATCH (a {name: 'Russian Foreign Ministry'}), (b {name: 'Russian Foreign Ministry: the US embassy may fill its quota with US nationals'}) CREATE (a)-[:SAID {sources: ['tass-2021-12-03']}]->(b);
MATCH (a {name: 'Russian Foreign Ministry: the US embassy may fill its quota with US nationals'}), (b {name: 'Quota of 455 diplomats for the US embassy'}) CREATE (a)-[:ABOUT {sources: ['tass-2021-12-03']}]->(b);
MATCH (a {name: 'Russian Foreign Ministry: the US embassy may fill its quota with US nationals'}), (b {name: 'Ban on US missions hiring local staff'}) CREATE (a)-[:ABOUT {sources: ['tass-2021-12-03']}]->(b);
MATCH (a {name: 'Anatoly Antonov'}), (b {name: 'Antonov (TASS): 28 more diplomats must leave by June 30'}) CREATE (a)-[:SAID {sources: ['tass-2021-12-03']}]->(b);
MATCH (a {name: 'Antonov (TASS): 28 more diplomats must leave by June 30'}), (b {name: 'Departure of more Russian diplomats by 2022-06-30'}) CREATE (a)-[:ABOUT {sources: ['tass-2021-12-03']}]->(b);
MATCH (a {name: 'Antonov (TASS): 28 more diplomats must leave by June 30'}), (b {name: 'Departure of 27 Russian diplomats by 2022-01-30'}) CREATE (a)-[:ABOUT {sources: ['tass-2021-12-03']}]->(b);
MATCH (a {name: 'Anatoly Antonov'}), (b {name: 'Antonov (RFE/RL): an equal number must leave by June 30'}) CREATE (a)-[:SAID {sources: ['rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Antonov (RFE/RL): an equal number must leave by June 30'}), (b {name: 'Departure of more Russian diplomats by 2022-06-30'}) CREATE (a)-[:ABOUT {sources: ['rferl-2022-01-16']}]->(b);
MATCH (a {name: 'Antonov (RFE/RL): an equal number must leave by June 30'}), (b {name: 'Departure of 27 Russian diplomats by 2022-01-30'}) CREATE (a)-[:ABOUT {sources: ['rferl-2022-01-16']}]->(b);
MATCH (a {name: 'RFE/RL'}), (b {name: 'RFE/RL: other disputes have strained relations'}) CREATE (a)-[:SAID {sources: ['rferl-2022-01-16']}]->(b);
MATCH (a {name: 'RFE/RL: other disputes have strained relations'}), (b {name: 'Annexation of Crimea'}) CREATE (a)-[:ABOUT {sources: ['rferl-2022-01-16']}]->(b);
MATCH (a {name: 'RFE/RL: other disputes have strained relations'}), (b {name: 'Russian backing of separatists in eastern Ukraine'}) CREATE (a)-[:ABOUT {sources: ['rferl-2022-01-16']}]->(b);
MATCH (a {name: 'RFE/RL: other disputes have strained relations'}), (b {name: 'Russian meddling in US elections'}) CREATE (a)-[:ABOUT {sources: ['rferl-2022-01-16']}]->(b);
MATCH (a {name: 'RFE/RL: other disputes have strained relations'}), (b {name: 'Poisoning and jailing of Aleksei Navalny'}) CREATE (a)-[:ABOUT {sources: ['rferl-2022-01-16']}]->(b);
MATCH (a {name: 'RFE/RL: other disputes have strained relations'}), (b {name: 'Cyberattacks attributed to Russia'}) CREATE (a)-[:ABOUT {sources: ['rferl-2022-01-16']}]->(b);
MATCH (a {name: 'RFE/RL'}), (b {name: 'RFE/RL: rounds of tit-for-tat expulsions and restrictions'}) CREATE (a)-[:SAID {sources: ['rferl-2022-01-16']}]->(b);
MATCH (a {name: 'RFE/RL: rounds of tit-for-tat expulsions and restrictions'}), (b {name: 'Tit-for-tat closures of diplomatic facilities'}) CREATE (a)-[:ABOUT {sources: ['rferl-2022-01-16']}]->(b);
MATCH (a {name: 'RFE/RL: rounds of tit-for-tat expulsions and restrictions'}), (b {name: 'US expulsion of Russian diplomats in 2021'}) CREATE (a)-[:ABOUT {sources: ['rferl-2022-01-16']}]->(b);
MATCH (a {name: 'RFE/RL: rounds of tit-for-tat expulsions and restrictions'}), (b {name: 'Departure of US embassy staff with over three years in Moscow by 2022-01-31'}) CREATE (a)-[:ABOUT {sources: ['rferl-2022-01-16']}]->(b);
MATCH (a {name: 'State Department: this is not an expulsion'}), (b {name: 'Antonov: the departures are a de facto expulsion'}) CREATE (a)-[:CONTRADICTS {sources: ['tass-2021-12-03', 'rferl-2022-01-16']}]->(b);
MATCH (a {name: 'State Department: this is not an expulsion'}), (b {name: 'Antonov: refusing to extend visas amounts to expulsion'}) CREATE (a)-[:CONTRADICTS {sources: ['rferl-2022-01-16']}]->(b);
MATCH (a {name: 'State Department: the diplomats have served more than three years'}), (b {name: 'Zakharova: Moscow regards the US actions as expulsion'}) CREATE (a)-[:CONTRADICTS {sources: ['unsigned-2021-12-04']}]->(b);
MATCH (a {name: 'Porter: the measure ensures parity between the missions'}), (b {name: 'Zakharova: Moscow regards the US actions as expulsion'}) CREATE (a)-[:CONTRADICTS {sources: ['unsigned-2021-12-04']}]->(b);
MATCH (a {name: 'Price: the US is not using visas to retaliate'}), (b {name: 'Antonov: visa delays aim to squeeze Russian diplomats out'}) CREATE (a)-[:CONTRADICTS {sources: ['hill-2021-08']}]->(b);
MATCH (a {name: 'Price: the US is not using visas to retaliate'}), (b {name: 'ZeroHedge: the 24 departures are likely retaliation for the layoffs'}) CREATE (a)-[:CONTRADICTS {sources: ['hill-2021-08', 'zerohedge-2021-08']}]->(b);
MATCH (a {name: 'Antonov: there has been no breakthrough on visas'}), (b {name: 'The Washington Post: a quiet breakthrough in the visa talks'}) CREATE (a)-[:CONTRADICTS {sources: ['tass-2021-12-03']}]->(b);
MATCH (a {name: 'Antonov (RFE/RL): an equal number must leave by June 30'}), (b {name: 'Antonov (TASS): 28 more diplomats must leave by June 30'}) CREATE (a)-[:CONTRADICTS {sources: ['tass-2021-12-03', 'rferl-2022-01-16']}]->(b);
