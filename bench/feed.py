#!/usr/bin/env python3
"""Writes an Indeed XML feed of N realistic jobs (default 10,000) to stdout."""
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
out = sys.stdout
out.write('<?xml version="1.0" encoding="utf-8"?>\n<source>\n<publisher>Bench ATS</publisher>\n'
          '<publisherurl>https://ats.example</publisherurl>\n<lastBuildDate>2026-11-01T00:00:00Z</lastBuildDate>\n')
cities = [("Austin", "TX", "US"), ("Toronto", "ON", "CA"), ("Manila", "", "PH"), ("Berlin", "", "DE"), ("Remote", "", "US")]
for i in range(n):
    city, state, country = cities[i % len(cities)]
    out.write(
        f"<job><title><![CDATA[Image Annotator {i}]]></title>"
        f"<date><![CDATA[Fri, 19 Dec 2025 22:49:39 GMT]]></date>"
        f"<referencenumber><![CDATA[REF-{i}]]></referencenumber>"
        f"<url><![CDATA[https://jobs.example/{i}?source=Indeed]]></url>"
        f"<company><![CDATA[Acme Data {i % 50}]]></company>"
        f"<city><![CDATA[{city}]]></city><state><![CDATA[{state}]]></state><country><![CDATA[{country}]]></country>"
        f"<description><![CDATA[<p>We need {i % 20 + 1} annotators to draw bounding boxes around vehicles and pedestrians "
        f"on {1000 + i} street-scene images. Pay is ${15 + i % 10}/hour, about 20 hours per week for six weeks. "
        f"English required; prior annotation experience preferred.</p><ul><li>Use CVAT</li><li>Follow the guidelines</li></ul>]]></description>"
        f"<salary><![CDATA[${15 + i % 10} per hour]]></salary><jobtype><![CDATA[contract]]></jobtype>"
        f"<remotetype><![CDATA[{'Fully remote' if city == 'Remote' else 'In-person'}]]></remotetype></job>\n")
out.write("</source>\n")
