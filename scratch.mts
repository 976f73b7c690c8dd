import { renderMarkdown } from "./src/content/markdown.ts";
const r = renderMarkdown('Đoạn **một** <script>alert(1)</script>\ndòng hai\n\n![Ảnh a](anh.jpg "Thiếu tướng Ma Văn Lả - GĐ")\n\ntext ![x](b.png) more\n', (i) => { console.log(i); return "/media/" + i.src; });
console.log(r);
