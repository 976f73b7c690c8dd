// Every piece of text a reader or a writer sees, in one place.
// `ui` is what the site shows; `problems` is what the build tells writers.

export const ui = {
  lang: "vi",
  home: "Trang chủ",
  news: "Tin tức",
  campaigns: "Phong trào",
  awards: "Khen thưởng",
  tags: "Chủ đề",
  sections: "Chuyên mục",
  allSections: "Các chuyên mục",
  subsections: "Chuyên mục con",
  sectionsOfArticle: "Chuyên mục",
  filterSection: "Chuyên mục",
  anySection: "Tất cả chuyên mục",
  neighboursInSection: "Trong chuyên mục",
  neighboursInCampaign: "Trong phong trào",
  neighboursInArchive: "Trong toàn bộ kho tin",
  years: "Các năm",
  latest: "Tin mới nhất",
  allCampaigns: "Tất cả phong trào",
  allAwardLists: "Danh sách khen thưởng theo năm",
  breadcrumbs: "Đường dẫn",
  mainNav: "Điều hướng chính",
  skipToContent: "Bỏ qua, tới nội dung chính",
  authors: "Tác giả",
  source: "Nguồn",
  updated: "Cập nhật",
  campaignsOfArticle: "Phong trào",
  tagsOfArticle: "Chủ đề",
  awardListsReported: "Danh sách khen thưởng được đưa tin",
  articlesReporting: "Tin bài đưa tin",
  newer: "Những tin mới hơn",
  older: "Những tin cũ hơn",
  previousArticle: "Tin trước",
  nextArticle: "Tin sau",
  pagination: "Phân trang",
  previousPage: "Trang trước",
  nextPage: "Trang sau",
  page: "Trang",
  pageOf: (n: number, total: number) => `Trang ${n}/${total}`,
  yearTitle: (year: number) => `Tin tức năm ${year}`,
  awardYearTitle: (year: number) => `Khen thưởng năm ${year}`,
  otherYears: "Các năm khác",
  articleCount: (n: number) => `${n} tin bài`,
  awardListCount: (n: number) => `${n} danh sách khen thưởng`,
  campaignArticles: "Tin bài",
  campaignAwardLists: "Khen thưởng",
  campaignPeriod: (started?: number, ended?: number) =>
    started ? (ended ? `${started} – ${ended}` : `Từ năm ${started}`) : "",
  decision: "Quyết định",
  decisionLine: (number: string, date: string, issuer: string) =>
    [`Quyết định số ${number}`, date && `ngày ${date}`, issuer && `của ${issuer}`].filter(Boolean).join(" "),
  conferredBy: "Cấp khen",
  award: "Hình thức khen thưởng",
  collectives: "Tập thể",
  individuals: "Cá nhân",
  counts: (collectives: number, individuals: number) =>
    [collectives && `${collectives} tập thể`, individuals && `${individuals} cá nhân`].filter(Boolean).join(", "),
  number: "STT",
  name: "Họ và tên",
  unitName: "Tên tập thể",
  rank: "Cấp bậc",
  position: "Chức vụ",
  unit: "Đơn vị",
  tagTitle: (name: string) => `Chủ đề: ${name}`,
  notFoundTitle: "Không tìm thấy trang",
  notFoundText: "Trang bạn tìm không có hoặc đã được chuyển đi. Mời bạn tìm trong kho tin, xem các tin mới nhất, hoặc xem tin theo năm và theo phong trào.",
  draft: "Bản nháp",
  scheduledMark: (date: string) => `Hẹn giờ đăng: ${date}`,
  draftBadge: "nháp",
  scheduledBadge: "hẹn giờ",
  search: "Tìm kiếm",
  kindArticle: "Tin bài",
  kindAwardList: "Khen thưởng",
  kindRecipient: "Đơn vị, cá nhân được khen",
  collectiveKind: "Tập thể",
  individualKind: "Cá nhân",
  recipients: "Đơn vị, cá nhân được khen thưởng",
  recipientsShort: "Đơn vị, cá nhân",
  recipientAwards: (n: number) => `${n} lần được khen thưởng`,
  awardHistory: "Quá trình khen thưởng",
  year: "Năm",
  awardList: "Danh sách",
  statistics: "Thống kê khen thưởng",
  statisticsYear: (year: number) => `Năm ${year}`,
  statisticsAll: "Tất cả các năm",
  total: "Tổng cộng",
  downloadCsv: "Tải danh sách (CSV, mở bằng Excel)",
  downloadRegisterCsv: "Tải toàn bộ sổ khen thưởng (CSV, mở bằng Excel)",
  searchLabel: "Tìm trong kho tin",
  searchButton: "Tìm",
  searchPlaceholder: "Ví dụ: an ninh Bắc Kạn",
  searchNeedsScript:
    "Tìm kiếm cần bật JavaScript trong trình duyệt. Bạn vẫn có thể xem tin bài theo năm, theo chuyên mục hoặc theo phong trào:",
  filterYear: "Năm",
  filterCampaign: "Phong trào",
  filterKind: "Loại",
  sortLabel: "Sắp xếp",
  anyYear: "Tất cả các năm",
  anyCampaign: "Tất cả phong trào",
  anyKind: "Tất cả",
  sortRelevance: "Phù hợp nhất",
  sortNewest: "Mới nhất",
  sortOldest: "Cũ nhất",
  noArticles: "Chưa có tin bài.",
  footer: "Lưu trữ tin tức",
  menu: "Danh mục",
  moreNews: "Xem tất cả tin tức",
  allYears: "Tin tức theo năm",
  share: "Chia sẻ",
  shareFacebook: "Facebook",
  shareZalo: "Zalo",
  copyAddress: "Sao chép địa chỉ",
  copied: "Đã sao chép địa chỉ",
  print: "In bài",
  address: "Địa chỉ",
  phone: "Điện thoại",
  email: "Thư điện tử",
  editor: "Chịu trách nhiệm xuất bản",
  feeds: "Tin mới (RSS/Atom)",
  sitemap: "Sơ đồ trang",
  latestAwardLists: "Khen thưởng mới",
} as const;

// Weekdays as issue 2 writes them ("Thứ Hai, 15/01/2018 - 08:30"), Monday first.
// Kept here rather than taken from ICU so that they never change with Node.
export const weekdays = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"] as const;

type V = string;
// Messages for writers. Each says what is wrong and how to fix it.
export const problems = {
  yamlSyntax: (detail: V) => `lỗi cú pháp YAML (${detail}) — kiểm tra dấu hai chấm, dấu ngoặc và thụt lề ở dòng này`,
  noFrontMatter: () => `tệp không có phần khai báo (front matter) — mở đầu tệp bằng một dòng "---", các khóa như title:, date:, rồi một dòng "---"`,
  frontMatterNotMap: () => `phần khai báo phải là các cặp "khóa: giá trị" — ví dụ "title: Tiêu đề bài viết"`,
  missing: (example: V) => `thiếu khóa bắt buộc — thêm ví dụ: ${example}`,
  empty: (example: V) => `giá trị đang trống — điền ví dụ: ${example}`,
  notString: (value: V, example: V) => `phải là một đoạn chữ (đang là ${value}) — viết ví dụ: ${example}`,
  notStringList: (value: V, example: V) => `phải là một danh sách chữ (đang là ${value}) — viết ví dụ: ${example}`,
  notBoolean: (value: V) => `phải là true hoặc false (đang là ${value}) — viết "draft: true" hoặc xóa dòng này`,
  notInteger: (value: V, example: V) => `phải là một số nguyên (đang là ${value}) — viết ví dụ: ${example}`,
  badSitePath: (value: V, example: V) =>
    `địa chỉ cũ phải là một đường dẫn bắt đầu bằng / (không có dấu cách, #, "..") (đang là ${value}) — viết ví dụ: ${example}`,
  unknownSection: (value: V, suggestion?: V) =>
    `không có chuyên mục mang mã này (${value}) — ${suggestion ? `có phải ý bạn là "${suggestion}"?` : "tạo tệp content/sections/" + value + ".md hoặc sửa mã"}`,
  sectionCycle: (chain: V) => `chuyên mục nằm trong chính nó (${chain}) — sửa parent: để các chuyên mục không vòng lại`,
  redirectsNotList: () =>
    `redirects.yaml phải là một danh sách, mỗi dòng một cặp from:, to: — viết ví dụ: - { from: /vi/news/tag/an-ninh/, to: /chu-de/an-ninh/ }`,
  badRedirect: (value: V) =>
    `mỗi dòng cần from: (đường dẫn cũ, bắt đầu bằng /) và to: (đường dẫn mới hoặc địa chỉ http(s)) (đang là ${value}) — viết ví dụ: - { from: /vi/news/tag/an-ninh/, to: /chu-de/an-ninh/ }`,
  aliasIsPage: (path: V) => `địa chỉ cũ ${path} trùng với một trang đang có — xóa địa chỉ cũ này (trang đó đã ở đúng địa chỉ)`,
  aliasTwice: (path: V, other: V) => `địa chỉ cũ ${path} đã được khai báo ở ${other} — mỗi địa chỉ cũ chỉ dẫn tới một nơi; xóa một trong hai`,
  redirectToNothing: (path: V) => `địa chỉ mới ${path} không có trang nào — sửa to: cho đúng một trang của trang web`,
  notYear: (value: V) => `phải là một năm gồm 4 chữ số (đang là ${value}) — viết ví dụ: 2012`,
  badDate: (value: V) =>
    `không đọc được ngày (${value}) — viết theo dạng 2018-01-15 hoặc 2018-01-15T08:30 (giờ Việt Nam)`,
  notMap: (value: V, example: V) => `phải là một nhóm khóa (đang là ${value}) — viết ví dụ: ${example}`,
  unknownKey: (value: V, suggestion?: V) =>
    `khóa không được hỗ trợ (${value}) — ${suggestion ? `có phải ý bạn là "${suggestion}"?` : "xóa dòng này hoặc sửa tên khóa"}`,
  unknownCampaign: (value: V, suggestion?: V) =>
    `không có phong trào mang mã này (${value}) — ${suggestion ? `có phải ý bạn là "${suggestion}"?` : "tạo tệp content/campaigns/" + value + ".md hoặc sửa mã"}`,
  unknownAwardList: (value: V, suggestion?: V) =>
    `không có danh sách khen thưởng mang mã này (${value}) — ${suggestion ? `có phải ý bạn là "${suggestion}"?` : "kiểm tra tên tệp trong content/awards/"}`,
  duplicateUrl: (url: V, other: V) =>
    `hai nội dung có cùng địa chỉ ${url} (trùng với ${other}) — đổi tên tệp hoặc thêm khóa slug: khác cho một trong hai`,
  duplicateId: (id: V, other: V) =>
    `hai tệp có cùng mã (${id}, trùng với ${other}) — đổi tên một trong hai tệp`,
  badSlug: (value: V, suggestion: V) =>
    `slug chỉ gồm chữ thường không dấu, số và dấu gạch ngang (đang là ${value}) — viết ví dụ: ${suggestion}`,
  noRecipient: () =>
    `nhóm khen thưởng chưa có ai được khen — thêm collectives: (tập thể) hoặc individuals: (cá nhân)`,
  noGroups: () =>
    `danh sách khen thưởng chưa có nhóm nào — thêm groups: với award:, by: và người được khen`,
  missingImage: (value: V) =>
    `không tìm thấy ảnh (${value}) — kiểm tra tên tệp; đường dẫn tính từ thư mục của bài viết, hoặc từ content/ nếu bắt đầu bằng /`,
  badIndividual: (value: V) =>
    `mỗi cá nhân là một tên, hoặc một nhóm khóa có name: (đang là ${value}) — viết ví dụ: "- name: Nguyễn Văn A" kèm rank:, position:, unit:`,
  sameNameInGroup: (value: V, line: number) =>
    `cùng tên với người ở dòng ${line} trong nhóm này (${value}), khác cấp bậc hoặc chức vụ — nếu là hai người, thêm đơn vị (unit:) để phân biệt; nếu là một người, xóa một dòng. Sổ khen thưởng đang gộp họ làm một.`,
  duplicateRecipient: (value: V, line: number) =>
    `người hoặc đơn vị này đã có trong cùng nhóm ở dòng ${line} (${value}) — xóa một trong hai dòng`,
  decisionAfterList: (decision: V, list: V) =>
    `ngày quyết định (${decision}) sau ngày của danh sách (${list}) — kiểm tra lại hai ngày này`,
  unknownAwardKind: (value: V, suggestion?: V) =>
    `hình thức khen thưởng không rõ (${value}) — ${suggestion ? `có phải ý bạn là "${suggestion}"?` : "dùng Huân chương, Cờ thi đua, Bằng khen, Giấy khen... hoặc thêm hình thức này vào awardKinds: trong content/site.yaml"}`,
  similarRecipients: (a: V, b: V, where: V) =>
    `hai tên gần giống nhau: "${a}" và "${b}" (${where}) — nếu là một đơn vị hoặc một người, hãy viết giống nhau để gộp lại`,
  yamlUnclosed: (open: V, close: V) =>
    `lỗi cú pháp YAML: dấu ${open} mở ở dòng này chưa được đóng — thêm dấu ${close} ở cuối giá trị`,
  yamlTab: () => `lỗi cú pháp YAML: dòng này thụt lề bằng phím Tab — thay Tab bằng dấu cách`,
  yamlDuplicateKey: () => `lỗi cú pháp YAML: khóa này đã có ở dòng trên — xóa một trong hai dòng`,
  yamlColonInValue: () =>
    `lỗi cú pháp YAML: giá trị có dấu hai chấm, hoặc dòng sau bị thụt lề — đặt giá trị trong ngoặc kép (ví dụ title: "Hội nghị: tổng kết") hoặc bỏ khoảng trắng ở đầu dòng sau`,
  yamlTooManyAliases: () =>
    `phần khai báo dùng quá nhiều tham chiếu YAML (*tên) — viết thẳng giá trị, không dùng & và *`,
  unreadable: (code: V) => `không đọc được (${code}) — kiểm tra quyền đọc của tệp hoặc thư mục`,
  folderNamedMd: () => `đây là thư mục nhưng tên kết thúc bằng .md — đổi tên thư mục (bỏ đuôi .md)`,
  brokenLink: (target: V) => `liên kết (symlink) trỏ tới tệp không có (${target}) — xóa liên kết hoặc sửa cho đúng`,
  notAFile: () => `không phải một tệp bình thường — xóa mục này hoặc thay bằng tệp .md`,
  legacyEncoding: (encoding: V, iconvName: V, name: V, vietnamese: boolean) =>
    `tệp không dùng bảng mã UTF-8 (có vẻ là ${encoding}) — chuyển sang UTF-8: ${vietnamese ? `dùng Unikey (Công cụ chuyển mã: nguồn ${encoding}, đích Unicode UTF-8), hoặc` : "mở bằng trình soạn thảo và lưu lại với bảng mã UTF-8, hoặc"} chạy lệnh iconv -f ${iconvName} -t UTF-8 ${name} > ${name}.utf8 rồi đổi tên lại`,
  notUtf8: () =>
    `tệp không dùng bảng mã UTF-8 — mở tệp bằng trình soạn thảo (VS Code, Notepad) và lưu lại với bảng mã UTF-8`,
  listWrittenAsText: (value: V, fix: V) => `phải là một danh sách (đang là ${value}) — viết trong ngoặc vuông: ${fix}`,
  badSiteUrl: (value: V, example: V) =>
    `phải là địa chỉ web bắt đầu bằng http:// hoặc https:// (đang là ${value}) — viết ví dụ: url: ${example}`,
  endsBeforeStart: (ended: number, started: number) =>
    `năm kết thúc (${ended}) trước năm bắt đầu (${started}) — sửa ended: hoặc started:`,
  updatedBeforeDate: (updated: V, date: V) =>
    `ngày cập nhật (${updated}) trước ngày đăng (${date}) — sửa updated: cho sau ngày đăng, hoặc xóa dòng này`,
  yearNotFolder: (year: number, folder: V) =>
    `năm của ngày đăng (${year}) khác thư mục năm của tệp (${folder}) — sửa date:, hoặc chuyển tệp vào thư mục ${year}`,
  badPhotoScheme: (value: V) =>
    `ảnh chỉ được là tệp trong content/ hoặc địa chỉ http(s) (đang là ${value}) — viết ví dụ: /images/anh.jpg`,
  photoOutsideContent: (value: V) =>
    `ảnh nằm ngoài thư mục content/ (${value}) — chép ảnh vào content/images/ và viết /images/ten-anh.jpg`,
  missingFile: (value: V) =>
    `không tìm thấy tệp được liên kết (${value}) — kiểm tra tên tệp; đường dẫn tính từ thư mục của bài viết, hoặc từ content/ nếu bắt đầu bằng /`,
  fileOutsideContent: (value: V) =>
    `tệp được liên kết nằm ngoài thư mục content/ (${value}) — chép tệp vào content/files/ và viết /files/ten-tep.pdf`,
  photoLinkOutside: (value: V) =>
    `ảnh là liên kết (symlink) trỏ ra ngoài thư mục content/ (${value}) — chép chính tệp ảnh vào content/images/`,
  unknownImageSize: () => "không đọc được kích thước",
  notAnImage: (value: V, detail: V) =>
    `tệp này không phải là ảnh đọc được (${value}: ${detail}) — dùng ảnh JPEG, PNG, WebP hoặc GIF`,
  imageTooLarge: (value: V, width: number, height: number) =>
    `ảnh quá lớn (${value}: ${width}×${height} điểm ảnh) — thu nhỏ ảnh, ví dụ còn 4000×3000, rồi lưu lại`,
  contentMissing: () => `không có thư mục nội dung này — kiểm tra lại --content (mặc định là content)`,
  contentNotFolder: () => `đây là một tệp, không phải thư mục nội dung — kiểm tra lại --content`,
  contentEmpty: () =>
    `thư mục này không có site.yaml và không có thư mục articles/, nên không phải thư mục nội dung — kiểm tra lại --content`,
} as const;

/** The examples the writers' messages give, by key: each is a line they can copy into a file. */
export const examples = {
  src: "src: /images/anh.jpg",
  alt: "alt: Mô tả ảnh",
  caption: "caption: Chú thích ảnh",
  image: "image: { src: /images/anh.jpg, alt: Mô tả ảnh, caption: Chú thích }",
  articleTitle: "title: Tổng kết phong trào năm 2017",
  date: "date: 2018-01-15T08:30",
  authors: "authors: [Phan Quang, Đức Thuần]",
  source: "source: Báo Bắc Kạn",
  summary: "summary: Một câu tóm tắt bài viết.",
  campaigns: "campaigns: [toan-dan-bao-ve-an-ninh-to-quoc]",
  tags: "tags: [An toàn về ANTT, Thông tư 23]",
  awards: "awards: [2017-toan-dan-bao-ve-an-ninh-to-quoc]",
  slug: "slug: tong-ket-phong-trao-2017",
  campaignTitle: "title: Toàn dân bảo vệ an ninh Tổ quốc",
  campaignSummary: "summary: Một dòng giới thiệu phong trào",
  award: "award: Giấy khen",
  by: "by: Giám đốc Công an tỉnh",
  collectives: "collectives: [Công an huyện Ba Bể]",
  individuals: "individuals: [Nguyễn Văn A]",
  awardListTitle: "title: Khen thưởng phong trào Toàn dân bảo vệ an ninh Tổ quốc năm 2017",
  awardListDate: "date: 2018-01-15",
  number: "number: \"123/QĐ-CAT\"",
  issuer: "issuer: Giám đốc Công an tỉnh",
  decision: "decision: { number: \"123/QĐ-CAT\", date: 2018-01-10, issuer: Giám đốc Công an tỉnh }",
  groups: "groups: (danh sách nhóm award:, by:, collectives:, individuals:)",
  siteTitle: "title: Công an tỉnh Bắc Kạn",
  description: "description: Lưu trữ tin tức",
  url: "url: https://congan.backan.gov.vn",
  awardKinds: "awardKinds: [Thư khen]",
  logo: "logo: images/logo.svg",
  contact: "contact: { address: Số 1 đường Trường Chinh, thành phố Bắc Kạn, phone: \"0209 3870 000\", email: toasoan@congan.backan.gov.vn }",
  contactAddress: "address: Số 1 đường Trường Chinh, thành phố Bắc Kạn",
  contactPhone: "phone: \"0209 3870 000\"",
  contactEmail: "email: toasoan@congan.backan.gov.vn",
  editor: "editor: Đại tá Nguyễn Văn A, Phó Giám đốc",
  licence: "licence: Giấy phép số 01/GP-TTĐT ngày 15/01/2018 của Sở Thông tin và Truyền thông tỉnh Bắc Kạn",
  sections: "sections: [an-ninh-trat-tu]",
  aliases: "aliases: [/vi/news/an-ninh-trat-tu/tong-ket-phong-trao-123.html]",
  campaignAliases: "aliases: [/vi/news/topic/toan-dan-bao-ve-an-ninh-to-quoc/]",
  sectionAliases: "aliases: [/vi/news/an-ninh-trat-tu/]",
  sectionTitle: "title: An ninh trật tự",
  sectionSummary: "summary: Tin về công tác bảo đảm an ninh, trật tự",
  parent: "parent: an-ninh-trat-tu",
  order: "order: 1",
  redirect: "- { from: /vi/news/tag/an-ninh/, to: /chu-de/an-ninh/ }",
} as const;

/** The header row of the award CSV downloads. */
export const csvHeader = ["Năm", "Danh sách", "Số quyết định", "Ngày quyết định", "Hình thức khen thưởng", "Cấp khen", "Loại", "Tên tập thể / Họ và tên", "Cấp bậc", "Chức vụ", "Đơn vị"];

/** The page left at an old address. */
export const redirectPage = {
  title: "Trang đã chuyển",
  text: "Trang này đã chuyển tới",
  generated: "Tạo bởi npm run build từ aliases: và content/redirects.yaml; đừng sửa tay, sửa nội dung rồi xây dựng lại.",
};

/** Strings the search page's script shows; "{n}" and "{q}" are filled in. */
export const searchPageStrings = {
  searching: "Đang tìm…",
  found: "Tìm thấy {n} kết quả cho “{q}”.",
  none: "Không tìm thấy kết quả nào cho “{q}”. Hãy thử bớt từ, bỏ bộ lọc, hoặc gõ có dấu hoặc không dấu.",
  empty: "Nhập từ cần tìm, có dấu hoặc không dấu.",
  more: "Xem thêm kết quả",
  period: "Kết quả từ {period}.",
  olderYears: "Tìm cả các năm trước",
  newerYears: "Tìm cả các năm sau",
  otherYears: "Tìm cả các năm khác",
  failed: "Không tải được chỉ mục tìm kiếm. Vui lòng thử lại sau.",
};

/** What the build and the preview tell writers about themselves. */
export const buildMessages = {
  badShardSize: (value: string) => `--shard-size ${value}: cần một số nguyên từ 100 trở lên (số trang tối đa trong một phần của chỉ mục tìm kiếm), ví dụ --shard-size 2000.`,
  noSiteUrl:
    "Lưu ý: content/site.yaml chưa có url: — RSS, sitemap và liên kết chuẩn đang dùng http://localhost. Thêm ví dụ: url: https://congan.backan.gov.vn",
  heldDrafts: (n: number) => `${n} bản nháp không được đăng (chỉ hiện trong trang xem trước).`,
  heldScheduled: (n: number) => `${n} bài hẹn giờ chưa được đăng:`,
  scheduledItem: (file: string, date: string) => `  ${file} — sẽ được đăng từ ${date}; chạy lại npm run build sau thời điểm đó`,
  checkOk: (articles: number, sections: number, campaigns: number, awardLists: number, drafts: number, scheduled: number) =>
    `Nội dung hợp lệ: ${articles} tin bài, ${sections} chuyên mục, ${campaigns} phong trào, ${awardLists} danh sách khen thưởng, ${drafts} bản nháp, ${scheduled} bài hẹn giờ.`,
  checkFailed: (errors: number, files: number, articles: number, sections: number, campaigns: number, awardLists: number, drafts: number, scheduled: number) =>
    `${errors} lỗi trong ${files} tệp. Đã đọc ${articles} tin bài, ${sections} chuyên mục, ${campaigns} phong trào, ${awardLists} danh sách khen thưởng, ${drafts} bản nháp, ${scheduled} bài hẹn giờ.`,
  previewPortTaken: (asked: number, used: number) => `Cổng ${asked} đang được dùng, trang xem trước dùng cổng ${used}.`,
  previewReady: (url: string) => `Trang xem trước: ${url} (hiện cả bản nháp). Nhấn Ctrl+C để dừng.`,
  previewUpdated: (pages: number, ms: number) => `Xem trước: đã cập nhật ${pages} trang trong ${ms} ms.`,
  previewQuick: (files: number, ms: number) => `Xem trước: đã cập nhật ${files} bài trong ${ms} ms; đang dựng lại các trang danh sách…`,
  previewFailed: "Xem trước: nội dung có lỗi, trang vẫn hiện bản dựng trước đó. Sửa tệp và lưu lại, trang sẽ tự cập nhật.",
  bannerTitle: "Nội dung có lỗi — trang đang hiện bản dựng trước đó",
  bannerHint: "Sửa tệp và lưu lại; trang sẽ tự cập nhật.",
};

/** Why the build will not write into an output folder, and what to do; the folder's path comes before each. */
export const outputMessages = {
  /** The text of the marker file every build writes into its output. */
  marker: "Thư mục này do npm run build tạo ra và được thay thế toàn bộ ở mỗi lần xây dựng.\n",
  isRoot: () => `không thể dùng thư mục gốc của ổ đĩa làm thư mục xuất bản — chọn một thư mục riêng, ví dụ --output _site`,
  isHome: () => `không thể dùng thư mục cá nhân (home) hoặc thư mục chứa nó làm thư mục xuất bản — chọn một thư mục riêng, ví dụ --output _site`,
  isContent: () =>
    `đây là thư mục nội dung, nằm trong hoặc chứa thư mục nội dung: xây dựng vào đây sẽ xóa bài viết — chọn thư mục khác, ví dụ --output _site`,
  isProject: () => `thư mục này chứa chính dự án (mã nguồn, content/) — chọn một thư mục con riêng, ví dụ --output _site`,
  isFile: () => `đây là một tệp, không phải thư mục — chọn tên thư mục khác cho --output`,
  isLink: () => `đây là một liên kết (symlink) — dùng đường dẫn thật của thư mục cho --output`,
  notOurs: (entries: number) =>
    `thư mục đã có ${entries} mục và không do npm run build tạo ra; xây dựng sẽ thay thế toàn bộ thư mục này — chọn thư mục trống hoặc chưa có, hoặc thêm --force nếu chắc chắn muốn thay thế`,
  cannotCreate: (where: string) => `không tạo được thư mục ở ${where} — chọn thư mục khác cho --output, ví dụ --output _site`,
  notWritable: (where: string) => `không có quyền ghi vào ${where} — cấp quyền ghi, hoặc chọn thư mục khác cho --output`,
  readOnly: (where: string) => `ổ đĩa chỉ đọc (${where}) — chọn thư mục khác cho --output`,
  noSpace: (where: string) => `ổ đĩa đã đầy khi ghi ${where} — giải phóng dung lượng rồi chạy lại; trang đã xây dựng trước đó được giữ nguyên`,
  cannotSwap: (where: string) =>
    `không thể thay thư mục xuất bản (${where}): nó là điểm gắn ổ đĩa hoặc nằm trên ổ khác — chọn một thư mục con bên trong, ví dụ --output ${where}/site`,
  pathBlocked: (where: string) => `một phần của đường dẫn là tệp, không phải thư mục (${where}) — chọn đường dẫn khác cho --output`,
  nameTooLong: () => `đường dẫn quá dài — chọn thư mục ngắn hơn cho --output`,
  badPathPrefix: (value: string) =>
    `đường dẫn con chỉ gồm chữ không dấu, số, dấu - _ . và /, không có dấu cách, dấu nháy hay ".." (đang là ${value}) — viết ví dụ: --path-prefix /luu-tru/`,
  unknownOption: (detail: string, usage: string) => `Tùy chọn không hợp lệ (${detail}).\n${usage}`,
  unexpected: (message: string) =>
    `Lỗi không mong đợi: ${message}\nTrang đã xây dựng trước đó được giữ nguyên. Chạy lại với DEBUG=1 để xem chi tiết, và báo cho nhóm phát triển.`,
};

/** The files npm run new writes: the required keys filled in, the optional ones as comments. `title` comes quoted for YAML when it must be. */
export const newFileTemplates = {
  article: (title: string, dateTime: string, campaignIds: string[], sectionIds: string[]) =>
    [
      "---",
      `title: ${title}`,
      `date: ${dateTime}`,
      "# authors: [Tên tác giả]",
      "# summary: Một câu tóm tắt (nếu bỏ trống, lấy đoạn đầu của bài)",
      `# campaigns: [${campaignIds[0] ?? "ma-phong-trao"}]${campaignIds.length ? `    # có: ${campaignIds.join(", ")}` : ""}`,
      "# tags: [Chủ đề 1, Chủ đề 2]",
      "# image: { src: /images/ten-anh.jpg, alt: Mô tả ảnh, caption: Chú thích ảnh }",
      "# awards: [ma-danh-sach-khen-thuong]",
      `# sections: [${sectionIds[0] ?? "ma-chuyen-muc"}]${sectionIds.length ? `    # có: ${sectionIds.join(", ")}` : ""}`,
      "# aliases: [/vi/news/chuyen-muc/dia-chi-cu-123.html]",
      "# source: Báo Bắc Kạn",
      "# draft: true",
      '# Ảnh trong bài, trên một dòng riêng: ![Mô tả ảnh](/images/ten-anh.jpg "Chú thích ảnh")',
      "---",
      "Viết nội dung bài ở đây.",
      "",
    ].join("\n"),
  campaign: (title: string, year: string) =>
    ["---", `title: ${title}`, "# summary: Một dòng giới thiệu phong trào", `# started: ${year}`, "# ended: 2030", "---", "Giới thiệu phong trào ở đây.", ""].join("\n"),
  section: (title: string) =>
    [
      "---",
      `title: ${title}`,
      "# parent: ma-chuyen-muc-cha",
      "# order: 1",
      "# summary: Một dòng giới thiệu chuyên mục",
      "# aliases: [/vi/news/ten-chuyen-muc-cu/]",
      "---",
      "Giới thiệu chuyên mục ở đây.",
      "",
    ].join("\n"),
  award: (title: string, day: string) =>
    [
      "---",
      `title: ${title}`,
      `date: ${day}`,
      "# campaigns: [ma-phong-trao]",
      `# decision: { number: "123/QĐ-CAT", date: ${day}, issuer: Giám đốc Công an tỉnh }`,
      "groups:",
      "  - award: Giấy khen",
      "    by: Giám đốc Công an tỉnh",
      "    collectives:",
      "      - Tên tập thể được khen",
      "    # individuals:",
      "    #   - { name: Họ và tên, rank: Đại úy, position: Chức vụ, unit: Đơn vị }",
      "---",
      "Nội dung quyết định, buổi lễ trao thưởng ở đây.",
      "",
    ].join("\n"),
};

/** What npm run import:nukeviet says. */
export const importMessages = {
  siteTitle: "Cổng thông tin điện tử",
  attachments: "Tệp đính kèm:",
  usage:
    "Cách dùng: npm run import:nukeviet -- --database mysql://USER:PASS@HOST:PORT/DB --uploads đường/dẫn/tới/uploads --out content [--prefix nv4] [--lang vi] [--module-data news] [--report tệp.json]",
  cannotConnect: (uri: string, detail: string) =>
    `Không kết nối được cơ sở dữ liệu ${uri} (${detail}) — kiểm tra máy chủ MariaDB/MySQL đang chạy, tên người dùng, mật khẩu và tên cơ sở dữ liệu trong --database`,
  notNukeviet: (detail: string) =>
    `Cơ sở dữ liệu không có mô-đun tin tức của NukeViet (${detail}) — kiểm tra --prefix (mặc định nv4), --lang (mặc định vi) và --module-data (mặc định news)`,
  oldVersion: (table: string) =>
    `Đây là NukeViet bản cũ (trước 4.0.29): nội dung bài nằm trong các bảng ${table}… — nâng cấp trang lên NukeViet 4.5 rồi sao lưu và nhập lại`,
  outNotOurs: (out: string) =>
    `Thư mục ${out} đã có nội dung không do lần nhập trước tạo ra — chọn một thư mục mới cho --out (ví dụ content-nukeviet), lần nhập sau dùng lại đúng thư mục đó`,
  emptyTitle: (id: number) => `Bài id ${id} không có tiêu đề: không nhập.`,
  unknownCategory: (id: number, catid: number) => `Bài id ${id} thuộc chuyên mục ${catid} không còn trong bảng chuyên mục: nhập bài, không gắn chuyên mục đó.`,
  progress: (done: number, total: number) => `Đã đọc ${done}/${total} bài…`,
  done: (seconds: string) => `Nhập xong trong ${seconds} giây.`,
  report: (r: { articles: { published: number; scheduled: number; drafts: number }; sections: number; campaigns: number; skipped: { expired: number; suspended: number; emptyTitle: number }; unchanged: number; keptEdited: string[]; photos: { copied: number; missing: string[]; external: string[] }; attachments: { copied: number; missing: string[] }; warnings: string[] }) =>
    [
      `Bài viết: ${r.articles.published} đã đăng, ${r.articles.scheduled} hẹn giờ, ${r.articles.drafts} bản nháp; ${r.sections} chuyên mục, ${r.campaigns} dòng sự kiện (phong trào).`,
      `Không nhập: ${r.skipped.expired} bài hết hạn (không lưu trữ), ${r.skipped.suspended} bài ngưng hiệu lực, ${r.skipped.emptyTitle} bài không có tiêu đề.`,
      `Không đổi từ lần nhập trước: ${r.unchanged} tệp. Giữ nguyên vì đã được sửa sau lần nhập trước: ${r.keptEdited.length} tệp${r.keptEdited.length ? ` (${r.keptEdited.join(", ")})` : ""}.`,
      `Ảnh: ${r.photos.copied} ảnh đã chép, ${r.photos.missing.length} ảnh không tìm thấy, ${r.photos.external.length} ảnh ở trang khác (giữ địa chỉ).`,
      ...r.photos.missing.map((m) => `  Thiếu ảnh: ${m}`),
      ...r.photos.external.map((m) => `  Ảnh ở trang khác: ${m}`),
      `Tệp đính kèm: ${r.attachments.copied} tệp đã chép, ${r.attachments.missing.length} tệp không tìm thấy.`,
      ...r.attachments.missing.map((a) => `  Thiếu tệp đính kèm: ${a}`),
      ...r.warnings.map((w) => `  Lưu ý: ${w}`),
    ].join("\n"),
  reportWritten: (file: string) => `Báo cáo đầy đủ (JSON): ${file}`,
};

/** What npm run new tells writers. */
export const newMessages = {
  usage: 'Cách dùng: npm run new -- article "Tiêu đề bài viết"   (hoặc campaign "Tên phong trào", section "Tên chuyên mục", award "Tên danh sách khen thưởng")',
  noSlug: (title: string) => `Không tạo được tên tệp từ tiêu đề (${title}) — tiêu đề cần có chữ hoặc số.`,
  exists: (file: string) => `Tệp ${file} đã có, không ghi đè — đổi tiêu đề, hoặc mở tệp đó để sửa.`,
  created: (file: string) => `Đã tạo ${file}. Mở tệp, viết nội dung, rồi chạy npm run check.`,
};

export const summaryLine = {
  failed: (errors: number, files: number) =>
    `Không xây dựng được trang: ${errors} lỗi trong ${files} tệp. Trang đã xây dựng trước đó được giữ nguyên.`,
  warnings: (n: number) => `${n} cảnh báo (trang vẫn được xây dựng).`,
  built: (pages: number, seconds: string, out: string) => `Đã xây dựng ${pages} trang trong ${seconds} giây vào ${out}.`,
  kept: (pages: number) => `${pages} trang không đổi được giữ nguyên từ lần xây dựng trước (npm run build -- --full để dựng lại tất cả).`,
};
