import type { RightsSheet } from './types.ts';

export const az: RightsSheet = {
  lang: 'az',
  name: 'Azərbaycanca',
  dir: 'ltr',
  version: 'az-2026.1',
  title: 'Hüquqlarınız barədə məlumat',
  intro: (f) =>
    `Siz ${f.centreName} mərkəzindəsiniz. Bu vərəqə burada olduğunuz müddətdə hüquqlarınızı izah edir. Onu özünüzdə saxlayın. Nə isə aydın deyilsə, tərcüməçi tələb edin: tərcümə pulsuzdur.`,
  sections: (f) => [
    {
      heading: 'Burada niyə və nə qədər müddətə olduğunuz',
      items: [
        `Dövlət Miqrasiya Xidməti sizin inzibati qaydada saxlanılmağınız barədə qərar veribsə, ən çoxu ${f.serviceOrderHours} saat saxlanıla bilərsiniz.`,
        `Məhkəmə sizin inzibati qaydada saxlanılmağınız barədə qərar veribsə, ən çoxu ${f.courtOrderHours} saat (${f.courtOrderHours / 24} gün) saxlanıla bilərsiniz.`,
        `Ölkədən çıxarılmadan yayınırsınızsa və ya yayınacağınız barədə əsaslı ehtimal varsa, readmissiya sazişi üzrə çıxarılırsınızsa, yaxud Xidmətin müraciəti ilə məhkəmə qərarı varsa: qərarda göstərilən müddətə, lakin heç vaxt ${f.expulsionMonths} aydan çox olmayaraq.`,
        'Sizi buraya yerləşdirən qərarı görmək və hansı tarixdə və saatda azad edilməli olduğunuzu bilmək hüququnuz var.',
        'Burada öz xahişinizlə, könüllü qalırsınızsa, mərkəzi tərk edib geri qayıda və daxildə sərbəst hərəkət edə bilərsiniz. Sizi heç vaxt məcburi saxlanılan şəxslərlə birlikdə yerləşdirmirlər.',
      ],
    },
    {
      heading: 'Sığınacaq, uşaqlar və insan alverinin qurbanları',
      items: [
        'Sığınacaq axtaranlar və qaçqınlar heç vaxt məcburi saxlanılmır. Sığınacaq istəyirsinizsə, bunu istənilən vaxt, istənilən sözlərlə bildirin: əməkdaşlar bunu qeydə almalı və tədbir görməlidir.',
        `${f.minAge} yaşınadək uşaqlar yaşayış qaydalarını pozduqlarına görə saxlanılmır. 18 yaşınız yoxdursa və valideynləriniz yanınızda deyilsə, əməkdaşlara deyin: qəyyumluq orqanına məlumat veriləcək.`,
        'Kimsə sizi işləməyə məcbur edibsə, sənədlərinizi əlinizdən alıbsa, borc adı ilə sizi asılı vəziyyətdə saxlayırsa və ya sizə nəzarət edirsə, əməkdaşlara deyin: insan alverinə qarşı polis xüsusi bölməsinə məlumat veriləcək və siz müdafiə olunacaqsınız.',
      ],
    },
    {
      heading: 'Buradakı hüquqlarınız',
      items: [
        'Vəkil: vəkillə əlaqə saxlamaq və vəkilinizlə təkbətək görüşmək.',
        'Konsulluq: ölkənizin konsulluğuna məlumat verilməsi — yalnız siz istəsəniz. İmtina edə bilərsiniz.',
        'Ailə: ailənizlə və ya seçdiyiniz şəxslə əlaqə saxlamaq və harada olduğunuzu bildirmək.',
        'Ombudsman və BMT QAK: İnsan hüquqları üzrə müvəkkilə (Ombudsmana) və ya BMT-nin Qaçqınlar üzrə Ali Komissarlığına (BMT QAK) birbaşa, əməkdaşlar dinləmədən zəng etmək.',
        'Həkim: gəldikdən qısa müddət sonra pulsuz tibbi müayinə və ehtiyac olduqda tibbi yardım.',
        'Şikayət: rəftar və ya şərait barədə şikayət etmək və cavab almaq. Şikayət etdiyinizə görə heç kim sizi cəzalandıra bilməz.',
        'Əşyalarınız: siyahıya alınır; surətini alırsınız və mərkəzi tərk edərkən sizə qaytarılır.',
        'Görüşlər: görüşlər qəbul etmək. Ombudsmanın (Milli Preventiv Mexanizm), BMT QAK-ın, BMqT-nin və BQXK-nın müfəttişləri istənilən vaxt gələ və sizinlə təkbətək danışa bilərlər.',
        'Geyim: siz məhbus deyilsiniz. Öz geyiminizi və ya mülki geyim geyinə bilərsiniz.',
        'Dil: bu məlumatı və sizə aid hər bir qərarı başa düşdüyünüz dildə almaq.',
      ],
    },
  ],
  receipt: {
    received: 'Bu vərəqəni aldım və o, mənə başa düşdüyüm dildə izah edildi.',
    date: 'Tarix və saat',
    signature: 'Şəxsin imzası',
    interpreter: 'Tərcüməçi (adı, necə)',
    staff: 'Əməkdaş',
  },
};
