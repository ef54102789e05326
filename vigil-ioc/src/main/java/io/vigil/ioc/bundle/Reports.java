package io.vigil.ioc.bundle;

import java.time.LocalDate;
import java.util.Locale;

/**
 * The public reports behind the signature-base APT10 lists, with URLs as the lists give them and
 * dates from the ATT&CK citations. Two facts are not in the ATT&CK subset and are stated here: the
 * date of US-CERT alert TA17-117A (its number is the day of year, 27 April 2017), and the enSilo
 * QuasarRAT post (May 2019, as the signature-base rule name {@code MAL_QuasarRAT_May19_1} says).
 */
final class Reports {
    static final String CLOUD_HOPPER_URL =
            "https://www.pwc.co.uk/issues/cyber-security-data-privacy/insights/operation-cloud-hopper.html";
    static final String ANNEX_B_URL = "https://www.pwc.co.uk/cyber-security/pdf/cloud-hopper-annex-b-final.pdf";
    static final String TA17_117A_URL = "https://www.us-cert.gov/ncas/alerts/TA17-117A";

    final Report cloudHopper;
    final Report annexB;
    final Report ta17117a;
    final Report hogfish;
    final Report securelist;
    final Report elfin;
    final Report ensilo;
    final Report impacket;
    final Report otx;

    Reports(AttackFacts attack) {
        AttackFacts.Citation ch = citation(attack, "PWC Cloud Hopper April 2017");
        AttackFacts.Citation annex = citation(attack, "PWC Cloud Hopper Technical Annex April 2017");
        AttackFacts.Citation hog = citation(attack, "Accenture Hogfish April 2018");
        AttackFacts.Citation sl = citation(attack, "Securelist APT10 March 2021");
        AttackFacts.Citation el = citation(attack, "Symantec Elfin Mar 2019");
        cloudHopper = new Report("PwC/BAE Operation Cloud Hopper", cited(ch), CLOUD_HOPPER_URL, ch.date());
        annexB = new Report(
                "PwC/BAE Operation Cloud Hopper Annex B",
                "PwC and BAE Systems. (2017, April). " + "Operation Cloud Hopper, Annex B.",
                ANNEX_B_URL,
                annex.date());
        ta17117a = new Report(
                "US-CERT TA17-117A",
                "US-CERT. (2017, April 27). Alert TA17-117A, " + "with YARA rules for RedLeaves and PlugX.",
                TA17_117A_URL,
                LocalDate.of(2017, 4, 27));
        hogfish = new Report(
                "Accenture Hogfish",
                cited(hog),
                "https://www.accenture.com/t20180423T055005Z__w__/se-en/_acnmedia/PDF-76/"
                        + "Accenture-Hogfish-Threat-Analysis.pdf",
                hog.date());
        securelist = new Report("Securelist A41APT / Ecipekac", cited(sl), sl.url(), sl.date());
        elfin = new Report("Symantec Elfin (APT33)", cited(el), el.url(), el.date());
        ensilo = new Report(
                "enSilo APT10 QuasarRAT",
                "enSilo. (2019). Uncovering new activity by APT10.",
                "https://blog.ensilo.com/uncovering-new-activity-by-apt10",
                LocalDate.of(2019, 5, 1));
        impacket = new Report(
                "impacket-examples-windows",
                "Impacket tools compiled for Windows, as used in "
                        + "Operation Cloud Hopper (signature-base yara/apt_op_cloudhopper.yar).",
                "https://github.com/maaaaz/impacket-examples-windows",
                ch.date());
        // 92% of the OTX list's domains are Cloud Hopper's, so the list takes that report's date
        otx = new Report("AlienVault OTX APT10", "AlienVault OTX APT10 pulse, via signature-base.", null, ch.date());
    }

    /** The citation without ATT&CK's "Retrieved <date>." suffix. */
    private static String cited(AttackFacts.Citation c) {
        int retrieved = c.description().indexOf(" Retrieved ");
        return retrieved < 0 ? c.description() : c.description().substring(0, retrieved);
    }

    private static AttackFacts.Citation citation(AttackFacts attack, String name) {
        AttackFacts.Citation c = attack.citations.get(name);
        if (c == null) {
            throw new IllegalStateException("the ATT&CK subset has no citation '" + name + "'");
        }
        return c;
    }

    /** The report a signature-base YARA {@code rule_reference} URL stands for. */
    Report byUrl(String url) {
        String u = url.toLowerCase(Locale.ROOT);
        if (u.contains("ta17-117a")) {
            return ta17117a;
        }
        if (u.contains("annex-b")) {
            return annexB;
        }
        if (u.contains("cloud-hopper")) {
            return cloudHopper;
        }
        if (u.contains("hogfish")) {
            return hogfish;
        }
        if (u.contains("ensilo")) {
            return ensilo;
        }
        if (u.contains("impacket")) {
            return impacket;
        }
        if (u.contains("securelist")) {
            return securelist;
        }
        throw new IllegalStateException("no report known for " + url);
    }

    /** The report a list section or comment names, or null. */
    Report byText(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        if (t.contains("ta17-117a") || t.contains("ta17-1117a")) {
            return ta17117a;
        }
        if (t.contains("annex b")) {
            return annexB;
        }
        if (t.contains("hogfish")) {
            return hogfish;
        }
        if (t.contains("cloud hopper") || t.contains("goo.gl/okb63q")) {
            return cloudHopper;
        }
        if (t.contains("securelist")) {
            return securelist;
        }
        if (t.contains("elfin")) {
            return elfin;
        }
        if (t.contains("alienvault otx")) {
            return otx;
        }
        return null;
    }
}
