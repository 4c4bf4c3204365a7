"""Writes a small WARC of Arabic news pages with warcio (Webrecorder's WARC library), for
marsad's WARC reader test.

    python make_warc.py OUT.warc.gz

The committed fixture crates/marsad-ingest/tests/fixtures/warcio_ar.warc.gz was made by this
script with warcio 1.8.1 (`bash crates/marsad-ingest/tests/warc/regen.sh` remakes it in a
throwaway venv under target/). Record ids and WARC dates are fixed so a rerun reads the same;
the texts are written for this test. What the Rust test expects of each page is said below.
"""

import gzip
import io
import sys

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


def page(title, paragraphs, head="", byline=""):
    body = byline + "".join(f"<p>{p}</p>\n" for p in paragraphs)
    return (
        '<!DOCTYPE html>\n<html lang="ar" dir="rtl"><head>'
        f"{head}<title>{title}</title></head><body>\n"
        '<header><nav><a href="/">الرئيسية</a> <a href="/news">أخبار</a></nav></header>\n'
        f"<main><article><h1>{title}</h1>\n{body}</article></main>\n"
        "<footer>جميع الحقوق محفوظة</footer></body></html>\n"
    )


# 1. UTF-8, its date in the page's own metadata (wins over the WARC-Date).
PAGE1 = page(
    "افتتاح جسر جديد يربط ضفتي النيل في أسوان",
    [
        "افتتح محافظ أسوان صباح اليوم جسرا جديدا يربط ضفتي نهر النيل، بعد ثلاث سنوات من أعمال البناء.",
        "وقال المحافظ إن الجسر سيختصر زمن التنقل بين المدينة والقرى الواقعة غرب النهر إلى بضع دقائق.",
    ],
    head='<meta charset="utf-8"><meta property="article:published_time" content="2021-03-14T08:00:00+02:00">',
)

# 2. windows-1256, named only by the HTTP Content-Type (no <meta charset>); no date of its own:
#    the WARC-Date is its date.
PAGE2 = page(
    "وزارة الصحة اللبنانية تطلق حملة تطعيم في المدارس",
    [
        "أطلقت وزارة الصحة العامة في لبنان حملة وطنية لتطعيم تلاميذ المدارس الرسمية والخاصة ضد الحصبة.",
        "وأوضح الوزير أن الحملة تستمر شهرا كاملا وتشمل جميع المحافظات بالتعاون مع المنظمات الدولية.",
    ],
)

# 3. UTF-8 sent gzip-encoded and chunked, as a crawler stores it; its date in the URL.
PAGE3 = page(
    "موسم قياسي لصادرات التمور في الجزائر",
    [
        "سجلت صادرات الجزائر من التمور هذا الموسم رقما قياسيا بلغ أكثر من مئة ألف طن نحو أسواق أوروبا وآسيا.",
        "وأرجع مسؤولون في وزارة التجارة هذا الارتفاع إلى تحسين سلاسل التبريد وفتح خطوط شحن جديدة.",
    ],
    head='<meta charset="utf-8">',
)

# 4. A `resource` record (a page stored without its HTTP exchange), its date in Arabic words in
#    the article's date line (wins over the WARC-Date).
PAGE4 = page(
    "انطلاق مهرجان الشعر العربي في الشارقة",
    [
        "الشارقة: انطلقت مساء أمس فعاليات مهرجان الشعر العربي بمشاركة شعراء من خمس عشرة دولة.",
        "ويتضمن المهرجان أمسيات شعرية وندوات نقدية تتناول تجارب الشعراء الشباب في العالم العربي.",
    ],
    head='<meta charset="utf-8">',
    byline='<div class="post-date">الأربعاء 12 يناير 2022 - 09:15</div>\n',
)


def chunked(data, size=200):
    out = io.BytesIO()
    for i in range(0, len(data), size):
        chunk = data[i : i + size]
        out.write(b"%x\r\n" % len(chunk) + chunk + b"\r\n")
    out.write(b"0\r\n\r\n")
    return out.getvalue()


def main(out_path):
    with open(out_path, "wb") as out:
        w = WARCWriter(out, gzip=True)  # one gzip member per record
        n = [0]

        def ids(date):
            n[0] += 1
            return {
                "WARC-Record-ID": f"<urn:uuid:00000000-0000-4000-8000-{n[0]:012d}>",
                "WARC-Date": date,
            }

        info = w.create_warcinfo_record(
            "warcio_ar.warc.gz", {"software": "warcio", "format": "WARC File Format 1.1"}
        )
        for k, v in ids("2021-03-15T10:00:00Z").items():
            info.rec_headers.replace_header(k, v)
        w.write_record(info)

        def response(url, date, status, headers, body):
            req = StatusAndHeaders(
                "GET " + url.split("/", 3)[3] + " HTTP/1.1",
                [("Host", url.split("/")[2]), ("User-Agent", "test")],
                is_http_request=True,
            )
            w.write_record(
                w.create_warc_record(
                    url,
                    "request",
                    payload=io.BytesIO(),
                    http_headers=req,
                    warc_headers_dict=ids(date),
                )
            )
            http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
            w.write_record(
                w.create_warc_record(
                    url,
                    "response",
                    payload=io.BytesIO(body),
                    http_headers=http,
                    warc_headers_dict=ids(date),
                )
            )

        for url, date, body, charset in [
            ("https://www.example-news.com/egypt/aswan-bridge", "2021-03-15T10:00:01Z", PAGE1, "utf-8"),
            ("https://www.example-news.com/lebanon/vaccination", "2021-03-15T10:00:02Z", PAGE2, "windows-1256"),
        ]:
            data = body.encode(charset)
            headers = [("Content-Type", f"text/html; charset={charset}"), ("Content-Length", str(len(data)))]
            response(url, date, "200 OK", headers, data)
        body3 = chunked(gzip.compress(PAGE3.encode("utf-8"), mtime=0))
        response(
            "https://www.example-news.com/2020/11/05/algeria-dates",
            "2021-03-15T10:00:03Z",
            "200 OK",
            [
                ("Content-Type", "text/html; charset=UTF-8"),
                ("Content-Encoding", "gzip"),
                ("Transfer-Encoding", "chunked"),
            ],
            body3,
        )
        # Not pages: an image, a 404 and a redirect are skipped by the reader.
        response(
            "https://www.example-news.com/logo.png",
            "2021-03-15T10:00:04Z",
            "200 OK",
            [("Content-Type", "image/png")],
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
        )
        gone = page("الصفحة غير موجودة", ["عذرا، لم نعثر على الصفحة التي تبحث عنها في موقعنا."]).encode()
        response(
            "https://www.example-news.com/gone",
            "2021-03-15T10:00:05Z",
            "404 Not Found",
            [("Content-Type", "text/html; charset=utf-8")],
            gone,
        )
        response(
            "https://www.example-news.com/old",
            "2021-03-15T10:00:06Z",
            "301 Moved Permanently",
            [("Location", "https://www.example-news.com/egypt/aswan-bridge"), ("Content-Length", "0")],
            b"",
        )
        w.write_record(
            w.create_warc_record(
                "https://www.example-news.com/culture/sharjah-poetry",
                "resource",
                payload=io.BytesIO(PAGE4.encode("utf-8")),
                warc_content_type="text/html; charset=utf-8",
                warc_headers_dict=ids("2022-01-20T09:00:00Z"),
            )
        )
        w.write_record(
            w.create_warc_record(
                "https://www.example-news.com/egypt/aswan-bridge",
                "metadata",
                payload=io.BytesIO(b"outlink: https://www.example-news.com/\r\n"),
                warc_content_type="application/warc-fields",
                warc_headers_dict=ids("2021-03-15T10:00:07Z"),
            )
        )


if __name__ == "__main__":
    main(sys.argv[1])
