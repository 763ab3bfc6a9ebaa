# ruff: noqa: E501  (generated data; wide scripts count double)
"""Language names as each language writes itself (autonyms): what language pickers show.

Generated from CLDR via Babel 2.19.0: for every language (and language_Script) locale, its
display name and its name in its own language list (so "简体中文" and "中文 (简体)" both), plus the picker
spellings "Bahasa Indonesia" and "Bahasa Melayu"; names longer than 40 characters (CLDR's
verbose script/region forms) are left out. Regenerate with the snippet in
pipeline/checks/not_translatable.py (`_regenerate_autonyms`) after a CLDR update; matching is case-insensitive.
"""

AUTONYMS: frozenset[str] = frozenset({
    'Afrikaans', 'Aghem', 'Akan', 'Akoose', 'anarâškielâ', 'anii kagɩja', 'aragonés', 'asturianu', 'Asụsụ Igbo',
    'Atsam', 'avañe’ẽ', 'azərbaycan', 'azərbaycan (latın)', 'Bahasa Indonesia', 'Bahasa Melayu', 'Balóchi',
    'Balóchi (Látin)', 'bamanakan', 'Basa Sunda', 'Basa Sunda (Basa Latin)', 'Betawi', 'bosanski',
    'bosanski (latinica)', 'brezhoneg', 'Caddo', 'català', 'Cebuano', 'Chahta', 'Chikashshanompaʼ', 'Chimakonde',
    'chiShona', 'corsu', 'Cymraeg', 'dansk', 'davvisámegiella', 'Deutsch', 'Dholuo', 'Diné Bizaad',
    'dolnoserbšćina', 'duálá', 'eesti', 'Ekegusii', 'emakhuwa', 'English', 'español', 'Esperanto', 'euskara',
    'ewondo', 'eʋegbe', 'Filipino', 'français', 'Frysk', 'furlan', 'føroyskt', 'Gaeilge', 'Gaelg', 'galego',
    'Gàidhlig', 'Gã', 'Gĩgĩkũyũ', 'Hausa', 'Hibena', 'Hindi', 'Hindi (Latin)', 'hornjoserbšćina', 'hrvatski',
    'Hunsrückisch', 'Ichibemba', 'Ido', 'Ikinyarwanda', 'Ikirundi', 'Indonesia', 'interlingua', 'Interlingue',
    'Ishisangu', 'isiNdebele', 'IsiXhosa', 'isiZulu', 'italiano', 'Jawa', 'joola', 'julevsámegiella',
    'kabuverdianu', 'Kaje', 'kakɔ', 'kalaallisut', 'Kalenjin', 'kanhgág', 'Kanienʼkéha', 'Katab', 'kernewek',
    'Khoekhoegowab', 'Kihorombo', 'Kikamba', 'Kimachame', 'Kipare', 'Kiruwa', 'Kisampur', 'Kishambaa', 'Kiswahili',
    'Kitaita', 'Kiteso', 'Konknni', 'Konknni (Romi)', 'Koyra ciini', 'Koyraboro senni', 'Kpɛlɛɛ', 'kreol morisien',
    'Kreyòl Ayisyen', 'kurdî (kurmancî)', 'kurdî (kurmancî) (latînî)', 'kuvi', 'kuvi (laṭin)', 'Kwasio', 'Kyivunjo',
    'Kölsch', 'Kĩembu', 'Kĩmĩrũ', 'Kɛnyaŋ', 'Kɨlaangi', 'kʼicheʼ', 'la .lojban.', 'ladin', 'Lakȟólʼiyapi',
    'latgalīšu', 'Latina', 'latviešu', 'Lazuri', 'lea fakatonga', 'lietuvių', 'ligure', 'lingála', 'Lombard',
    'Luganda', 'Luluhia', 'Lëtzebuergesch', 'Lʼnuiʼsuti', 'Maa', 'magyar', 'Makua', 'Malagasy', 'Malti',
    'Mapudungun', 'Mara', 'Medžuslovjansky', 'Melayu', 'metaʼ', 'MUNDAŊ', 'Mvskoke', 'Māori', 'Naijíriá Píjin',
    'Ndaꞌa', 'Neddersass’sch', 'Nederlands', 'nheẽgatu', 'Nordfriisk', 'norsk', 'norsk bokmål', 'norsk nynorsk',
    'nuasue', 'Nyanja', 'n̓səl̓xcin̓', 'Obolo', 'occitan', 'Olusoga', 'Oromoo', 'o‘zbek', 'o‘zbek (lotin)',
    'Papiamentu', 'patas Taroko', 'piemontèis', 'Pijin', 'polski', 'português', 'prūsiskan', 'Pulaar', 'Qafar',
    'Qʼeqchiʼ', 'rikpa', 'română', 'Rukiga', 'rumantsch', 'Runasimi', 'Runyankore', 'Saho', 'sardu',
    'Schwiizertüütsch', 'sena', 'Sesotho', 'Sesotho sa Leboa', 'Setswana', 'shqip', 'Shwóŋò ngiembɔɔn', 'sicilianu',
    'Sidaamu Afo', 'siSwati', 'slovenčina', 'slovenščina', 'Soomaali', 'srpski', 'srpski (latinica)', 'suomi',
    'svenska', 'Sängö', 'sääʹmǩiõll', 'Tamaziɣt n laṭlaṣ', 'Taqbaylit', 'Tarifit', 'Tasawaq senni', 'Tashelḥiyt',
    'Thok Nath', 'Tiếng Việt', 'Tok Pisin', 'toki pona', 'Tshiluba', 'Tshivenḓa', 'türkmen dili', 'Türkçe',
    'Vahcuengh', 'Vai', 'veneto', 'Volapük', 'walon', 'Walser', 'Warlpiri', 'Wolof', 'Xitsonga', 'Zarmaciine',
    'Åarjelsaemien gïele', 'Èdè Yorùbá', 'íslenska', 'čeština', 'ślōnski', 'Ɓàsàa', 'ʻŌlelo Hawaiʻi', 'Ελληνικά',
    'ϯⲙⲉⲧⲣⲉⲙⲛ̀ⲭⲏⲙⲓ', 'адыгабзэ', 'азәрбајҹан', 'азәрбајҹан (Кирил)', 'Аԥсшәа', 'башҡорт', 'беларуская', 'босански',
    'босански (ћирилица)', 'буряад', 'български', 'ирон', 'къэбэрдеибзэ', 'кыргызча', 'македонски',
    'Меджусловјанскы', 'мокшень кяль', 'монгол', 'нохчийн', 'русский', 'саха тыла', 'српски', 'српски (ћирилица)',
    'татар', 'тоҷикӣ', 'Тыва', 'українська', 'церковнослове́нскїй', 'чӑваш чӗлхи', 'эрзянь кель', 'ўзбекча',
    'ўзбекча (Кирил)', 'қазақ тілі', 'қазақ тілі (кирилл жазуы)', 'қарақалпақша', 'қарақалпақша (кирилл жазыўы)',
    'հայերեն', 'ייִדיש', 'עברית', 'آذربایجان تۆرکجه\u200cسی', 'آذربایجان تۆرکجه\u200cسی (عربجه)', 'ئۇيغۇرچە',
    'اردو', 'العامية', 'العربية', 'اوزبیک', 'اوزبیک (عربی)', 'براہوئی', 'بلوچی (رخشانی)', 'بلۆچی', 'بلۆچی (اربی)',
    'بهاس ملايو', 'بهاس ملايو (عرب)', 'توروالی', 'تۆرکجه', 'سرائیکی', 'سنڌي', 'سنڌي (عربي)', 'فارسی', 'قازاق ءتىلى',
    'قازاق ءتىلى (اراب جازۋى)', 'قازاق ءتىلى (توتە)', 'لوری بختیاری', 'لۊری شومالی', 'مازرونی', 'پنجابی',
    'پنجابی (عربی)', 'پښتو', 'کوردی خوارگ', 'کوردیی ناوەندی', 'کٲشُر', 'کٲشُر (عربی)', 'ܣܘܪܝܝܐ', 'ދިވެހިބަސް',
    'ߒߞߏ', 'कांगड़ी', 'कुवि', 'कुवि (देवनागरी)', 'कॉशुर', 'कॉशुर (देवनागरी)', 'कोंकणी', 'कोंकणी (देवनागरी)',
    'डोगरी', 'नेपाली', 'बर’', 'भोजपुरी', 'मराठी', 'मैथिली', 'राजस्थानी', 'संस्कृत भाषा', 'सानताड़ी',
    'सानताड़ी (देवानागारी)', 'सिन्धी', 'सिन्धी (देवनागिरी)', 'हरियाणवी', 'हिन्दी', 'অসমীয়া', 'বাংলা', 'মৈতৈলোন্',
    'মৈতৈলোন্ (বাংলা)', 'ਪੰਜਾਬੀ', 'ਪੰਜਾਬੀ (ਗੁਰਮੁਖੀ)', 'ગુજરાતી', 'ଓଡ଼ିଆ', 'କୁୱି', 'କୁୱି (ଅଡ଼ିଆ)', 'தமிழ்', 'కువి',
    'కువి (తెలుగు)', 'తెలుగు', 'ಕನ್ನಡ', 'മലയാളം', 'සිංහල', 'ไทย', 'ລາວ', 'བོད་སྐད་', 'རྫོང་ཁ', 'တႆး', 'မြန်မာ',
    'ქართული', 'ብሊን', 'ትግረ', 'ትግርኛ', 'አማርኛ', 'ወላይታቱ', 'ግዕዝኛ', 'ᏣᎳᎩ', 'ᐃᓄᒃᑎᑐᑦ', 'ᓀᐦᐃᓇᐍᐏᐣ', 'ខ្មែរ', 'ᱥᱟᱱᱛᱟᱲᱤ',
    'ᱥᱟᱱᱛᱟᱲᱤ (ᱚᱞ ᱪᱤᱠᱤ)', 'ⵜⴰⵎⴰⵣⵉⵖⵜ', 'ⵜⴰⵛⵍⵃⵉⵜ', '中文', '中文 (简体)', '中文 (繁體)', '日本語', '简体中文', '粤语', '粤语 (简体)', '粵語',
    '粵語 (繁體)', '繁體中文', 'ꆈꌠꉙ', 'ꕙꔤ', 'ꪼꪕꪒꪾ', 'ꯃꯤꯇꯩꯂꯣꯟ', 'ꯃꯤꯇꯩꯂꯣꯟ (ꯃꯤꯇꯩ ꯃꯌꯦꯛ)', '한국어', '𐐀𐑍𐑊𐐮𐑇', '𐐀𐑍𐑊𐐮𐑇 (𐐔𐐯𐑆𐐲𐑉𐐯𐐻)',
    '𐑦𐑙𐑜𐑤𐑦𐑖', '𐓏𐓘𐓻𐓘𐓻𐓟', '𐴌𐴗𐴥𐴝𐴙𐴚𐴒𐴙𐴝', '𑄌𑄋𑄴𑄟𑄳𑄦',
    '\U00011bd2\U00011bc5\U00011bcd\U00011bc5\U00011bd3\U00011bd6\U00011bc4',
    '\U00011bd2\U00011bc5\U00011bcd\U00011bc5\U00011bd3\U00011bd6\U00011bc4 (\U00011bd2\U00011bc5\U00011bcd\U00011bc5\U00011bd3\U00011bd6\U00011bc4)',
    '𞄀𞄄𞄰𞄩𞄍𞄜𞄰', '𞄀𞄄𞄰𞄩𞄍𞄜𞄰 (𞄐𞄦𞄲𞄤𞄎𞄫𞄰 𞄚𞄜𞄲𞄔𞄬𞄱 𞄀𞄄𞄰𞄩)', '𞤆𞤵𞤤𞤢𞤪', '𞤆𞤵𞤤𞤢𞤪 (𞤀𞤁𞤂𞤢𞤃)',
})
