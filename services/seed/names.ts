// Nationalities seen in Azerbaijan's migration centres, with names in Latin transliteration and, where
// the person's documents use another script, in that script. Weights follow the usual caseload:
// Central and South Asia, the Middle East, the neighbours, a few from Africa.

export type Pair = readonly [latin: string, original: string];

export interface Nationality {
  code: string;
  weight: number;
  /** Language sets, the first language of each is the one the person is informed in. */
  languages: readonly (readonly string[])[];
  /** Whether staff (Azerbaijani, Russian, Turkish speakers) need an interpreter. */
  interpreter: boolean;
  family: readonly Pair[];
  male: readonly Pair[];
  female: readonly Pair[];
  /** Family names that take a feminine ending (-ov → -ova, Cyrillic -ов → -ова). */
  feminine?: 'slavic';
  /** Original script name order: given names first (Arabic, Persian, …) or family name first. */
  order: 'given-first' | 'family-first' | 'none';
}

const p = (latin: string, original = ''): Pair => [latin, original];

export const NATIONALITIES: readonly Nationality[] = [
  {
    code: 'AFG', weight: 12, interpreter: true, order: 'given-first',
    languages: [['prs', 'ps'], ['ps', 'prs'], ['prs']],
    family: [p('Ahmadi', 'احمدی'), p('Rahimi', 'رحیمی'), p('Hakimi', 'حکیمی'), p('Noori', 'نوری'), p('Karimi', 'کریمی'), p('Sultani', 'سلطانی'), p('Haidari', 'حیدری'), p('Safi', 'صافی'), p('Popal', 'پوپل'), p('Wardak', 'وردک'), p('Stanikzai', 'ستانکزی'), p('Mohammadi', 'محمدی'), p('Sharifi', 'شریفی'), p('Azizi', 'عزیزی'), p('Jalali', 'جلالی'), p('Qaderi', 'قادری'), p('Niazi', 'نیازی'), p('Yusufzai', 'یوسفزی'), p('Mirzad', 'میرزاد'), p('Habibi', 'حبیبی'), p('Faizi', 'فیضی'), p('Barakzai', 'بارکزی'), p('Ghafoori', 'غفوری'), p('Rasooli', 'رسولی')],
    male: [p('Mohammad', 'محمد'), p('Ahmad', 'احمد'), p('Ali', 'علی'), p('Mustafa', 'مصطفی'), p('Hamid', 'حمید'), p('Javid', 'جاوید'), p('Farid', 'فرید'), p('Nasir', 'ناصر'), p('Zabihullah', 'ذبیح‌الله'), p('Sayed', 'سید')],
    female: [p('Fatima', 'فاطمه'), p('Zahra', 'زهرا'), p('Maryam', 'مریم'), p('Shabnam', 'شبنم'), p('Parwana', 'پروانه'), p('Nazanin', 'نازنین'), p('Mursal', 'مرسل')],
  },
  {
    code: 'IRN', weight: 9, interpreter: true, order: 'given-first',
    languages: [['fa'], ['fa', 'az'], ['fa', 'en']],
    family: [p('Hosseini', 'حسینی'), p('Mohammadi', 'محمدی'), p('Rezaei', 'رضایی'), p('Moradi', 'مرادی'), p('Jafari', 'جعفری'), p('Kazemi', 'کاظمی'), p('Ghorbani', 'قربانی'), p('Sadeghi', 'صادقی'), p('Rahmani', 'رحمانی'), p('Karimi', 'کریمی'), p('Hashemi', 'هاشمی'), p('Mousavi', 'موسوی'), p('Najafi', 'نجفی'), p('Bagheri', 'باقری'), p('Sharifi', 'شریفی'), p('Abbasi', 'عباسی'), p('Akbari', 'اکبری'), p('Zamani', 'زمانی'), p('Esmaeili', 'اسماعیلی'), p('Heidari', 'حیدری'), p('Soltani', 'سلطانی'), p('Yazdani', 'یزدانی')],
    male: [p('Reza', 'رضا'), p('Mehdi', 'مهدی'), p('Hossein', 'حسین'), p('Amir', 'امیر'), p('Saeed', 'سعید'), p('Majid', 'مجید'), p('Behnam', 'بهنام'), p('Arash', 'آرش')],
    female: [p('Fatemeh', 'فاطمه'), p('Maryam', 'مریم'), p('Leila', 'لیلا'), p('Sara', 'سارا'), p('Narges', 'نرگس'), p('Shirin', 'شیرین')],
  },
  {
    code: 'IRQ', weight: 5, interpreter: true, order: 'given-first',
    languages: [['ar'], ['ckb', 'ar'], ['ar', 'en']],
    family: [p('Al-Jaburi', 'الجبوري'), p('Al-Obaidi', 'العبيدي'), p('Hassan', 'حسن'), p('Al-Tamimi', 'التميمي'), p('Kadhim', 'كاظم'), p('Al-Saadi', 'الساعدي'), p('Abdullah', 'عبدالله'), p('Al-Dulaimi', 'الدليمي'), p('Al-Zubaidi', 'الزبيدي'), p('Jassim', 'جاسم'), p('Al-Ani', 'العاني'), p('Barzani', 'بارزاني'), p('Talabani', 'طالباني'), p('Mahdi', 'مهدي'), p('Al-Khafaji', 'الخفاجي')],
    male: [p('Ali', 'علي'), p('Hussein', 'حسين'), p('Ahmed', 'أحمد'), p('Omar', 'عمر'), p('Mustafa', 'مصطفى'), p('Haider', 'حيدر'), p('Karrar', 'كرار')],
    female: [p('Zainab', 'زينب'), p('Noor', 'نور'), p('Fatima', 'فاطمة'), p('Maryam', 'مريم'), p('Sara', 'سارة')],
  },
  {
    code: 'SYR', weight: 4, interpreter: true, order: 'given-first',
    languages: [['ar'], ['ar', 'en'], ['ku', 'ar']],
    family: [p('Al-Halabi', 'الحلبي'), p('Haddad', 'حداد'), p('Al-Khatib', 'الخطيب'), p('Darwish', 'درويش'), p('Al-Masri', 'المصري'), p('Shami', 'شامي'), p('Najjar', 'نجار'), p('Kabbani', 'قباني'), p('Al-Hamwi', 'الحموي'), p('Sabbagh', 'صباغ'), p('Hijazi', 'حجازي'), p('Al-Attar', 'العطار'), p('Moualem', 'معلم')],
    male: [p('Mohammad', 'محمد'), p('Khaled', 'خالد'), p('Ahmad', 'أحمد'), p('Yusuf', 'يوسف'), p('Omar', 'عمر'), p('Samer', 'سامر'), p('Rami', 'رامي')],
    female: [p('Rania', 'رانيا'), p('Hala', 'هالة'), p('Lina', 'لينا'), p('Amal', 'أمل'), p('Rasha', 'رشا')],
  },
  {
    code: 'PAK', weight: 8, interpreter: true, order: 'given-first',
    languages: [['ur', 'pa'], ['ur', 'en'], ['pa', 'ur']],
    family: [p('Khan', 'خان'), p('Ahmed', 'احمد'), p('Hussain', 'حسین'), p('Malik', 'ملک'), p('Iqbal', 'اقبال'), p('Butt', 'بٹ'), p('Chaudhry', 'چودھری'), p('Raza', 'رضا'), p('Qureshi', 'قریشی'), p('Siddiqui', 'صدیقی'), p('Javed', 'جاوید'), p('Aslam', 'اسلم'), p('Shah', 'شاہ'), p('Akhtar', 'اختر'), p('Nawaz', 'نواز'), p('Rana', 'رانا'), p('Bhatti', 'بھٹی'), p('Mirza', 'مرزا')],
    male: [p('Imran', 'عمران'), p('Bilal', 'بلال'), p('Usman', 'عثمان'), p('Asif', 'آصف'), p('Kamran', 'کامران'), p('Waqas', 'وقاص'), p('Zeeshan', 'ذیشان')],
    female: [p('Ayesha', 'عائشہ'), p('Sana', 'ثناء'), p('Hina', 'حنا'), p('Rabia', 'رابعہ')],
  },
  {
    code: 'BGD', weight: 6, interpreter: true, order: 'given-first',
    languages: [['bn'], ['bn', 'en']],
    family: [p('Rahman', 'রহমান'), p('Hossain', 'হোসেন'), p('Islam', 'ইসলাম'), p('Ahmed', 'আহমেদ'), p('Uddin', 'উদ্দিন'), p('Miah', 'মিয়া'), p('Sarker', 'সরকার'), p('Chowdhury', 'চৌধুরী'), p('Begum', 'বেগম'), p('Akter', 'আক্তার'), p('Khan', 'খান'), p('Mondal', 'মন্ডল'), p('Talukder', 'তালুকদার'), p('Bhuiyan', 'ভূঁইয়া')],
    male: [p('Abdul', 'আব্দুল'), p('Rafiq', 'রফিক'), p('Kamal', 'কামাল'), p('Shahid', 'শহীদ'), p('Mizanur', 'মিজানুর'), p('Jahangir', 'জাহাঙ্গীর')],
    female: [p('Nasrin', 'নাসরিন'), p('Fatema', 'ফাতেমা'), p('Rupa', 'রূপা'), p('Shirin', 'শিরিন')],
  },
  {
    code: 'IND', weight: 6, interpreter: true, order: 'given-first',
    languages: [['pa', 'hi'], ['hi', 'en'], ['hi']],
    family: [p('Singh', 'सिंह'), p('Kumar', 'कुमार'), p('Sharma', 'शर्मा'), p('Patel', 'पटेल'), p('Gill', 'गिल'), p('Sandhu', 'संधू'), p('Verma', 'वर्मा'), p('Dhillon', 'ढिल्लों'), p('Grewal', 'ग्रेवाल'), p('Brar', 'बराड़'), p('Yadav', 'यादव'), p('Gupta', 'गुप्ता'), p('Sidhu', 'सिद्धू'), p('Malhotra', 'मल्होत्रा')],
    male: [p('Gurpreet', 'गुरप्रीत'), p('Rajesh', 'राजेश'), p('Amit', 'अमित'), p('Harpreet', 'हरप्रीत'), p('Sandeep', 'संदीप'), p('Vikram', 'विक्रम')],
    female: [p('Priya', 'प्रिया'), p('Sunita', 'सुनीता'), p('Manpreet', 'मनप्रीत'), p('Pooja', 'पूजा')],
  },
  {
    code: 'UZB', weight: 9, interpreter: false, order: 'family-first', feminine: 'slavic',
    languages: [['uz', 'ru'], ['ru', 'uz'], ['uz']],
    family: [p('Karimov', 'Каримов'), p('Rakhimov', 'Рахимов'), p('Yusupov', 'Юсупов'), p('Tursunov', 'Турсунов'), p('Abdullayev', 'Абдуллаев'), p('Ergashev', 'Эргашев'), p('Nazarov', 'Назаров'), p('Saidov', 'Саидов'), p('Khodjaev', 'Ходжаев'), p('Mirzaev', 'Мирзаев'), p('Usmonov', 'Усмонов'), p('Kholmatov', 'Холматов'), p('Sobirov', 'Собиров'), p('Ismoilov', 'Исмоилов'), p('Tashkentov', 'Ташкентов'), p('Umarov', 'Умаров'), p('Juraev', 'Жураев'), p('Qodirov', 'Кодиров'), p('Nurmatov', 'Нурматов'), p('Hamidov', 'Хамидов')],
    male: [p('Anvar', 'Анвар'), p('Bobur', 'Бобур'), p('Jasur', 'Жасур'), p('Sherzod', 'Шерзод'), p('Otabek', 'Отабек'), p('Ulugbek', 'Улугбек'), p('Dilshod', 'Дилшод')],
    female: [p('Dilnoza', 'Дилноза'), p('Gulnora', 'Гульнора'), p('Malika', 'Малика'), p('Nilufar', 'Нилуфар'), p('Shahnoza', 'Шахноза')],
  },
  {
    code: 'TJK', weight: 6, interpreter: false, order: 'family-first', feminine: 'slavic',
    languages: [['tg', 'ru'], ['ru', 'tg']],
    family: [p('Rahmonov', 'Раҳмонов'), p('Saidov', 'Саидов'), p('Nazarov', 'Назаров'), p('Sharipov', 'Шарипов'), p('Kurbonov', 'Қурбонов'), p('Mirzoev', 'Мирзоев'), p('Davlatov', 'Давлатов'), p('Safarov', 'Сафаров'), p('Jumaev', 'Ҷумъаев'), p('Odinaev', 'Одинаев'), p('Boboev', 'Бобоев'), p('Latipov', 'Латипов'), p('Gulov', 'Гулов'), p('Zoirov', 'Зоиров')],
    male: [p('Firdavs', 'Фирдавс'), p('Rustam', 'Рустам'), p('Daler', 'Далер'), p('Farrukh', 'Фаррух'), p('Bakhtiyor', 'Бахтиёр'), p('Shuhrat', 'Шуҳрат')],
    female: [p('Madina', 'Мадина'), p('Zarina', 'Зарина'), p('Parvina', 'Парвина'), p('Manizha', 'Манижа')],
  },
  {
    code: 'KGZ', weight: 3, interpreter: false, order: 'family-first', feminine: 'slavic',
    languages: [['ky', 'ru'], ['ru']],
    family: [p('Asanov', 'Асанов'), p('Toktogulov', 'Токтогулов'), p('Mamytov', 'Мамытов'), p('Osmonov', 'Осмонов'), p('Dzhumabaev', 'Жумабаев'), p('Abdraimov', 'Абдраимов'), p('Sydykov', 'Сыдыков'), p('Tokonov', 'Токонов'), p('Esenaliev', 'Эсеналиев'), p('Kadyrov', 'Кадыров')],
    male: [p('Azamat', 'Азамат'), p('Bakyt', 'Бакыт'), p('Nurlan', 'Нурлан'), p('Ermek', 'Эрмек'), p('Talant', 'Талант')],
    female: [p('Aigul', 'Айгуль'), p('Cholpon', 'Чолпон'), p('Gulzat', 'Гулзат'), p('Aizada', 'Айзада')],
  },
  {
    code: 'GEO', weight: 5, interpreter: true, order: 'given-first',
    languages: [['ka', 'ru'], ['ka']],
    family: [p('Beridze', 'ბერიძე'), p('Kapanadze', 'კაპანაძე'), p('Gelashvili', 'გელაშვილი'), p('Maisuradze', 'მაისურაძე'), p('Lomidze', 'ლომიძე'), p('Tsiklauri', 'წიკლაური'), p('Mamedov', 'მამედოვი'), p('Kvaratskhelia', 'კვარაცხელია'), p('Jakeli', 'ჯაყელი'), p('Chikhladze', 'ჩიხლაძე'), p('Nozadze', 'ნოზაძე'), p('Abashidze', 'აბაშიძე')],
    male: [p('Giorgi', 'გიორგი'), p('Davit', 'დავით'), p('Levan', 'ლევან'), p('Nika', 'ნიკა'), p('Irakli', 'ირაკლი')],
    female: [p('Nino', 'ნინო'), p('Tamar', 'თამარ'), p('Mariam', 'მარიამ'), p('Ketevan', 'ქეთევან')],
  },
  {
    code: 'RUS', weight: 5, interpreter: false, order: 'family-first', feminine: 'slavic',
    languages: [['ru'], ['ru', 'en']],
    family: [p('Ivanov', 'Иванов'), p('Smirnov', 'Смирнов'), p('Kuznetsov', 'Кузнецов'), p('Popov', 'Попов'), p('Sokolov', 'Соколов'), p('Magomedov', 'Магомедов'), p('Aliev', 'Алиев'), p('Volkov', 'Волков'), p('Morozov', 'Морозов'), p('Lebedev', 'Лебедев'), p('Gadzhiev', 'Гаджиев'), p('Omarov', 'Омаров'), p('Novikov', 'Новиков'), p('Fedorov', 'Фёдоров'), p('Pavlov', 'Павлов')],
    male: [p('Aleksandr', 'Александр'), p('Dmitriy', 'Дмитрий'), p('Sergey', 'Сергей'), p('Andrey', 'Андрей'), p('Ruslan', 'Руслан'), p('Magomed', 'Магомед')],
    female: [p('Elena', 'Елена'), p('Olga', 'Ольга'), p('Natalya', 'Наталья'), p('Irina', 'Ирина'), p('Patimat', 'Патимат')],
  },
  {
    code: 'TUR', weight: 4, interpreter: false, order: 'none',
    languages: [['tr'], ['tr', 'en'], ['ku', 'tr']],
    family: [p('Yılmaz'), p('Kaya'), p('Demir'), p('Şahin'), p('Çelik'), p('Öztürk'), p('Aydın'), p('Arslan'), p('Doğan'), p('Koç'), p('Kurt'), p('Özdemir'), p('Yıldız'), p('Polat'), p('Güneş'), p('Erdem')],
    male: [p('Mehmet'), p('Mustafa'), p('Emre'), p('Hüseyin'), p('Murat'), p('Serkan')],
    female: [p('Ayşe'), p('Fatma'), p('Emine'), p('Zeynep'), p('Elif')],
  },
  {
    code: 'NGA', weight: 3, interpreter: false, order: 'none',
    languages: [['en', 'yo'], ['en', 'ig'], ['en', 'ha']],
    family: [p('Okafor'), p('Adeyemi'), p('Eze'), p('Ibrahim'), p('Okonkwo'), p('Balogun'), p('Nwachukwu'), p('Obi'), p('Afolabi'), p('Bello'), p('Onyekachi'), p('Chukwu'), p('Adebayo')],
    male: [p('Chinedu'), p('Emeka'), p('Tunde'), p('Musa'), p('Oluwaseun'), p('Ikenna')],
    female: [p('Ngozi'), p('Amaka'), p('Funmilayo'), p('Aisha'), p('Chiamaka')],
  },
  {
    code: 'CMR', weight: 2, interpreter: true, order: 'none',
    languages: [['fr'], ['fr', 'en'], ['en', 'fr']],
    family: [p('Mbarga'), p('Nkoulou'), p('Tchoumi'), p('Fotso'), p('Ndjock'), p('Essomba')],
    male: [p('Jean-Pierre'), p('Samuel'), p('Joseph'), p('Paul'), p('Hervé')],
    female: [p('Marie'), p('Brigitte'), p('Odette'), p('Sandrine')],
  },
  {
    code: 'CHN', weight: 2, interpreter: true, order: 'family-first',
    languages: [['zh'], ['zh', 'en']],
    family: [p('Wang', '王'), p('Li', '李'), p('Zhang', '张'), p('Liu', '刘'), p('Chen', '陈'), p('Yang', '杨')],
    male: [p('Wei', '伟'), p('Lei', '磊'), p('Jun', '军'), p('Qiang', '强'), p('Hao', '浩')],
    female: [p('Fang', '芳'), p('Li', '丽'), p('Na', '娜'), p('Jing', '静')],
  },
  {
    code: 'EGY', weight: 2, interpreter: true, order: 'given-first',
    languages: [['ar'], ['ar', 'en']],
    family: [p('Mahmoud', 'محمود'), p('Abdelrahman', 'عبد الرحمن'), p('Hassan', 'حسن'), p('Mostafa', 'مصطفى'), p('Saleh', 'صالح')],
    male: [p('Mohamed', 'محمد'), p('Ahmed', 'أحمد'), p('Mahmoud', 'محمود'), p('Karim', 'كريم')],
    female: [p('Nour', 'نور'), p('Mona', 'منى'), p('Heba', 'هبة')],
  },
];

export const STATELESS_SHARE = 0.02;

export const INTERPRETERS: Record<string, readonly string[]> = {
  prs: ['Abdul Wahid Noori', 'Farzana Hakimi'],
  ps: ['Gul Agha Safi'],
  fa: ['Shahram Ahmadi', 'Nasrin Tehrani'],
  ar: ['Ali Hasanov', 'Samira Haddad', 'Youssef Karam'],
  ckb: ['Dilshad Barzani'],
  ku: ['Dilshad Barzani'],
  ur: ['Tariq Mahmood', 'Saima Qureshi'],
  pa: ['Harjit Kaur'],
  bn: ['Mohammad Alamgir'],
  hi: ['Harjit Kaur', 'Ravi Menon'],
  ka: ['Tamar Jugeli', 'Levan Abashidze'],
  zh: ['Chen Xiaoli'],
  fr: ['Claire Mammadova', 'Jean Nzeyimana'],
  en: ['Leyla Rahimova'],
};

export function feminineFamily(n: Nationality, pair: Pair): Pair {
  if (n.feminine !== 'slavic') return pair;
  const [latin, original] = pair;
  const latinF = /(ov|ev|in)$/.test(latin) ? `${latin}a` : latin;
  const origF = /(ов|ев|ин)$/.test(original) ? `${original}а` : original;
  return [latinF, origF];
}

export function originalName(n: Nationality, family: Pair, given: Pair): string {
  if (n.order === 'none' || !family[1] || !given[1]) return '';
  if (n.code === 'CHN') return `${family[1]}${given[1]}`;
  return n.order === 'given-first' ? `${given[1]} ${family[1]}` : `${family[1]} ${given[1]}`;
}

export const PLACES = [
  'Baku, Nasimi district',
  'Baku, Yasamal district',
  'Baku, Binagadi district',
  'Baku, Sabunchu district',
  'Baku, Khatai district',
  'Sumgayit',
  'Ganja',
  'Lankaran',
  'Astara border crossing point',
  'Heydar Aliyev International Airport',
  'Baku International Sea Trade Port',
  'Shirvan',
  'Khachmaz, Samur border crossing point',
] as const;

export const AUTHORITIES = [
  'State Migration Service, Baku city main department',
  'State Migration Service, Absheron regional department',
  'State Migration Service, Ganja regional department',
  'State Migration Service, Lankaran regional department',
] as const;

export const COURTS = [
  'Baku Administrative Court No. 1',
  'Baku Administrative Court No. 2',
  'Sumgayit Administrative Court',
  'Ganja Administrative Court',
] as const;

export const PROPERTY = [
  ['mobile phone', 'kept in the safe'],
  ['passport', 'kept in the safe'],
  ['wallet with cash', 'cash counted and receipted'],
  ['travel bag with clothes', ''],
  ['wristwatch', ''],
  ['bank card', 'kept in the safe'],
  ['phone charger', ''],
  ['medication', 'handed to the medical unit'],
  ['backpack', ''],
] as const;

export const RELATIVES_WHEREABOUTS = ['country of origin', 'Baku', 'Moscow', 'Istanbul', 'unknown'] as const;
