// The page kinds Lighthouse audits (scripts/audit-pages.ts and tests/browser/lighthouse.test.ts), on the sample site.
export const AUDITED_PAGES: Record<string, string> = {
  home: "",
  article: "tin-tuc/2018/tong-ket-phong-trao-2017/",
  year: "tin-tuc/2019/",
  campaign: "phong-trao/toan-dan-bao-ve-an-ninh-to-quoc/",
  "award list": "khen-thuong/2019/2019-ngay-hoi-toan-dan/",
  recipient: "khen-thuong/don-vi/cong-an-huyen-ba-be/",
  search: "tim-kiem/?q=an+ninh",
};

/** Debian's Chromium for chrome-launcher, with the flags every browser here gets. */
export const CHROME_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
