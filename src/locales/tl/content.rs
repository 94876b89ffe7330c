//! Tagalog words for the shared content, keyed by the ids in
//! `lantern_tip::catalog`. Signs describe someone else ("siya"/"sila",
//! which carry no gender), so the tip form's checklist can use them as they
//! are; self-check statements speak to the reader ("ka"/"mo").

/// Headings of the sign groups, keyed by `SignGroup::id`.
pub static SIGN_GROUPS: &[(&str, &str)] = &[
    ("work-and-living", "Kalagayan sa trabaho at tirahan"),
    ("behaviour", "Damdamin at kilos"),
    ("health", "Kalusugan ng katawan"),
    ("control", "Walang kontrol sa sariling buhay"),
    ("other", "Iba pang palatandaan"),
];

/// Warning signs, keyed by catalog id.
pub static SIGNS: &[(&str, &str)] = &[
    ("not-free-to-leave", "Hindi sila malayang umalis at bumalik."),
    ("minor-in-commercial-sex", "Wala pa silang 18 taong gulang at ginagamit sila sa sex kapalit ng pera o kahit ano."),
    ("unpaid-or-tips-only", "Hindi sila binabayaran, o tip lang ang natatanggap nila."),
    ("not-paid-as-promised", "Hindi sila binabayaran ng ipinangako sa kanila."),
    ("excessive-hours", "Napakahaba ng oras ng trabaho nila, walang pahinga o day off."),
    ("unpayable-debt", "May malaki silang utang na hindi nila kailanman mababayaran."),
    ("false-promises", "Nagsinungaling sa kanila tungkol sa trabaho o sa sahod."),
    ("pressured-to-stay", "Ginigipit silang manatili sa trabahong gusto na nilang iwan."),
    ("pressured-into-sex-work", "Ginipit o nilinlang sila para magbenta ng sex."),
    ("wants-out-but-cannot", "Gusto na nilang tumigil sa pagbebenta ng sex pero takot sila o hindi nila magawa."),
    ("heavy-security", "Mahigpit ang bantay sa tinitirhan o pinagtatrabahuhan nila, gaya ng mga kandado, rehas sa bintana, camera, o guwardiya."),
    ("lives-at-work", "Nakatira sila sa pinagtatrabahuhan nila."),
    ("moved-by-others", "Inililipat sila ng ibang tao sa iba't ibang lugar."),
    ("dangerous-work", "Delikado ang trabaho nila pero wala silang gamit pangkaligtasan."),
    ("overcrowded-employer-housing", "Nakatira sila sa siksikang tirahan na bigay ng amo."),
    ("fearful-or-anxious", "Mukha silang takot, kinakabahan, o sobrang balisa."),
    ("submissive", "Parang sumusunod sila sa isang tao sa lahat ng bagay."),
    ("avoids-eye-contact", "Umiiwas silang tumingin sa mata ng ibang tao."),
    ("fears-police", "Natatakot sila kapag nababanggit ang pulis."),
    ("lacks-medical-care", "Hindi nila nakukuha ang gamutang kailangan nila."),
    ("malnourished", "Mukha silang gutom o kulang sa pagkain."),
    ("signs-of-abuse", "May mga palatandaan na sinaktan sila, tinali, o hinawakan nang sapilitan."),
    ("exhausted", "Mukha silang pagod na pagod palagi."),
    ("few-possessions", "Kaunti lang ang sarili nilang gamit."),
    ("no-control-of-money", "Wala silang kontrol sa sarili nilang pera."),
    ("id-held-by-others", "Iba ang may hawak ng passport o ID nila."),
    ("someone-speaks-for-them", "Palaging ibang tao ang nagsasalita o nagsasalin para sa kanila."),
    ("constantly-monitored", "May nagbabantay sa kanila palagi, nang harapan o sa phone."),
    ("isolated", "Hiwalay sila sa pamilya, mga kaibigan, o komunidad."),
    ("threatened", "May nagbabantang sasaktan sila, o isusumbong sila sa immigration."),
    ("has-pimp-or-manager", "May bugaw sila o “manager”."),
    ("controlling-partner", "May mas matandang kapareha o “sponsor” na mapagkontrol at hindi sila hinahayaang makausap nang mag-isa."),
    ("does-not-know-location", "Hindi nila alam kung nasaan sila o kung ano ang address nila."),
    ("scripted-story", "Parang kabisado ang kuwento nila, o pabago-bago."),
    ("lost-sense-of-time", "Nawalan na sila ng pakiramdam sa oras, gaya ng petsa o kung gaano na sila katagal doon."),
];

/// "Is this happening to me?" statements, keyed by catalog id.
pub static SELF_CHECKS: &[(&str, &str)] = &[
    ("cannot-leave", "Hindi ka makaalis kapag gusto mo."),
    ("documents-taken", "May kumuha ng passport o ID mo at ayaw itong ibalik."),
    ("unpayable-debt", "May utang ka na hindi mo kailanman mababayaran."),
    ("pay-withheld", "Hindi ka binabayaran, o iba ang kumukuha ng sahod mo."),
    ("job-not-as-promised", "Hindi ito ang trabahong ipinangako sa iyo."),
    ("threatened", "May nagbabantang sasaktan ka o ang pamilya mo, o tatawag sa immigration."),
    ("forced-sex", "May pumipilit sa iyong makipagtalik o magbenta ng sex."),
    ("under-18-sex", "Wala ka pang 18 taong gulang at nakikipagtalik ka kapalit ng pera, pagkain, matutuluyan, o kahit ano."),
    ("watched-or-locked-in", "Binabantayan ka palagi, o ikinukulong ka."),
    ("someone-speaks-for-you", "Iba ang nagsasalita para sa iyo at hindi ka hinahayaang makipag-usap nang mag-isa sa iba."),
    ("no-control-of-money", "Iba ang may kontrol sa pera mo."),
];
