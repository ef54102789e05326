package io.vigil.conformance;

import io.vigil.core.event.Event;
import io.vigil.core.event.Provenance;
import io.vigil.sigma.ast.FieldSpec;
import io.vigil.sigma.ast.RuleValue;
import io.vigil.sigma.ast.SearchIdentifier;
import io.vigil.sigma.ast.SigmaRule;
import io.vigil.sigma.logsource.SourceMapping;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Random events aimed at one rule, for {@link SigmaDifferentialTest}: an event of one of the rule's
 * sources whose fields carry values built from the rule's own values (wildcards filled with random
 * text, case shuffled, text added around, encodings applied), with deliberate near misses: fields
 * omitted, null or empty, lists, values borrowed from other selections, a wrong event id.
 */
final class SigmaDifferentialEvents {
    private static final String NOISE = "abcXYZ019 \\/-.:_\u00e9\u00c4\u2013\"'";
    private static final List<String> KEYWORD_FIELDS = List.of("CommandLine", "Message", "ScriptBlockText", "Payload");

    private final Random rnd;

    SigmaDifferentialEvents(long seed) {
        this.rnd = new Random(seed);
    }

    Event next(SigmaRule rule, List<SourceMapping> sources) {
        SourceMapping source = sources.get(rnd.nextInt(sources.size()));
        Map<String, Object> fields = new LinkedHashMap<>();
        gate(source, fields);
        List<FieldSpec> specs = specs(rule);
        Map<String, List<FieldSpec>> byField = new LinkedHashMap<>();
        for (FieldSpec s : specs) {
            byField.computeIfAbsent(s.field(), k -> new ArrayList<>()).add(s);
        }
        List<Runnable> later = new ArrayList<>();
        for (Map.Entry<String, List<FieldSpec>> e : byField.entrySet()) {
            if (e.getKey() == null) {
                for (FieldSpec k : e.getValue()) {
                    if (rnd.nextInt(4) > 0) {
                        String name = KEYWORD_FIELDS.get(rnd.nextInt(KEYWORD_FIELDS.size()));
                        fields.put(name, rnd.nextInt(5) == 0 ? List.of(noise(4), text(k)) : text(k));
                    }
                }
                continue;
            }
            FieldSpec spec = e.getValue().get(rnd.nextInt(e.getValue().size()));
            String name = fieldName(source, e.getKey());
            ReferenceModifiers m = ReferenceModifiers.of(spec.modifiers());
            if (m.fieldref) {
                later.add(() -> fieldref(fields, name, spec, m, source));
                continue;
            }
            double r = rnd.nextDouble();
            if (r < 0.08) {
                continue; // omitted
            } else if (r < 0.12) {
                fields.put(name, null);
            } else if (r < 0.16) {
                fields.put(name, "");
            } else if (r < 0.26) {
                List<Object> list = new ArrayList<>();
                int n = 1 + rnd.nextInt(3);
                for (int i = 0; i < n; i++) {
                    list.add(rnd.nextInt(4) == 0 ? noise(6) : value(pick(specs, spec)));
                }
                fields.put(name, rnd.nextInt(20) == 0 ? List.of() : list);
            } else {
                fields.put(name, value(rnd.nextInt(7) == 0 ? pick(specs, spec) : spec));
            }
        }
        later.forEach(Runnable::run);
        for (int i = rnd.nextInt(3); i > 0; i--) {
            fields.put("Noise" + i, noise(8));
        }
        return Event.of(fields, Instant.EPOCH, Provenance.line("generated", 1));
    }

    private void gate(SourceMapping source, Map<String, Object> fields) {
        String channel = source.gate().channel();
        fields.put("Channel", channel == null ? "Some/Channel" : rnd.nextInt(4) == 0 ? shuffleCase(channel) : channel);
        // sorted: the gate's sets iterate in an order that changes from JVM to JVM (Set.copyOf), and
        // picking from them by index made the generated events, and so the match counts, vary by run
        List<Long> ids = source.gate().eventIds() == null
                ? List.of((long) rnd.nextInt(5000))
                : source.gate().eventIds().stream().sorted().toList();
        long id = ids.get(rnd.nextInt(ids.size()));
        if (rnd.nextInt(15) == 0) {
            id += 1; // usually outside the gate
        }
        int form = rnd.nextInt(10);
        fields.put("EventID", form < 6 ? (Object) id : form < 9 ? Long.toString(id) : (Object) (double) id);
        if (rnd.nextInt(20) == 0) {
            // A record whose data has a Channel of its own: the header is kept as System_Channel.
            fields.put("System_Channel", fields.get("Channel"));
            fields.put("Channel", noise(6));
        }
        if (source.gate().providers() != null) {
            List<String> p = source.gate().providers().stream().sorted().toList();
            fields.put("Provider_Name", p.get(rnd.nextInt(p.size())));
        }
    }

    /** Usually the source's spelling of the field; sometimes the Sigma name or a case variant. */
    private String fieldName(SourceMapping source, String sigmaName) {
        String renamed = source.fieldRenames().getOrDefault(sigmaName, sigmaName);
        int r = rnd.nextInt(20);
        return r == 0 ? sigmaName : r == 1 ? renamed.toLowerCase(Locale.ROOT) : renamed;
    }

    private static List<FieldSpec> specs(SigmaRule rule) {
        List<FieldSpec> out = new ArrayList<>();
        for (SearchIdentifier id : rule.detection().identifiers().values()) {
            id.alternatives().forEach(out::addAll);
        }
        return out;
    }

    private FieldSpec pick(List<FieldSpec> specs, FieldSpec fallback) {
        FieldSpec s = specs.get(rnd.nextInt(specs.size()));
        return ReferenceModifiers.of(s.modifiers()).fieldref ? fallback : s;
    }

    private void fieldref(
            Map<String, Object> fields, String name, FieldSpec spec, ReferenceModifiers m, SourceMapping s) {
        String other = s.fieldRenames()
                .getOrDefault(spec.values().get(0).text(), spec.values().get(0).text());
        Object base = fields.containsKey(other) ? fields.get(other) : noise(6);
        if (!fields.containsKey(other) && rnd.nextBoolean()) {
            fields.put(other, base);
        }
        String b = base instanceof String str ? str : String.valueOf(base);
        String v = (m.hasPosition() && rnd.nextBoolean() ? noise(3) : "")
                + maybeCase(b)
                + (m.hasPosition() && rnd.nextBoolean() ? noise(3) : "");
        int r = rnd.nextInt(10);
        fields.put(name, r == 0 ? null : r == 1 ? base : r == 2 ? List.of(noise(4), v) : v);
    }

    /** A value for a field test, as a String, Long, Double, Boolean or null. */
    private Object value(FieldSpec spec) {
        ReferenceModifiers m = ReferenceModifiers.of(spec.modifiers());
        RuleValue v = spec.values().get(rnd.nextInt(spec.values().size()));
        if (m.exists || v.kind() == RuleValue.Kind.NULL) {
            return rnd.nextBoolean() ? noise(5) : rnd.nextBoolean() ? null : "";
        }
        if (m.cidr) {
            return address(v.text());
        }
        if (m.timePart != null) {
            return timestamp();
        }
        if (m.compare != null) {
            return number(v.text());
        }
        if (v.kind() == RuleValue.Kind.NUMBER && rnd.nextBoolean()) {
            try {
                return Long.parseLong(v.text());
            } catch (NumberFormatException e) {
                return v.text();
            }
        }
        if (v.kind() == RuleValue.Kind.BOOL && rnd.nextBoolean()) {
            return Boolean.parseBoolean(v.text());
        }
        return text(spec);
    }

    /** A string built from one of the spec's values by running its modifiers forwards. */
    private String text(FieldSpec spec) {
        ReferenceModifiers m = ReferenceModifiers.of(spec.modifiers());
        if (m.all && spec.values().size() > 1 && rnd.nextInt(5) > 0) {
            // all values in one string, in random order, sometimes one of them missing
            List<RuleValue> values = new ArrayList<>(spec.values());
            java.util.Collections.shuffle(values, rnd);
            if (rnd.nextInt(4) == 0) {
                values.remove(0);
            }
            StringBuilder sb = new StringBuilder();
            for (RuleValue v : values) {
                sb.append(text(spec, m, v)).append(noise(2));
            }
            return sb.toString();
        }
        return text(spec, m, spec.values().get(rnd.nextInt(spec.values().size())));
    }

    private String text(FieldSpec spec, ReferenceModifiers m, RuleValue v) {
        if (v.kind() == RuleValue.Kind.NULL) {
            return "";
        }
        String s = m.re ? fromRegex(v.text()) : v.kind() == RuleValue.Kind.STRING ? fromWildcards(v.text()) : v.text();
        if (!m.cased || rnd.nextInt(5) == 0) {
            s = maybeCase(s);
        }
        boolean bytes = false;
        for (String t : m.transforms) {
            switch (t) {
                case "contains" -> s = noise(4) + s + noise(4);
                case "startswith" -> s = s + noise(4);
                case "endswith" -> s = noise(4) + s;
                case "windash" -> s = windash(s);
                case "base64", "base64offset" -> {
                    String pad = t.equals("base64") ? "" : noise(rnd.nextInt(3));
                    byte[] raw = (pad + s + (t.equals("base64") ? "" : noise(2)))
                            .getBytes(bytes ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
                    s = Base64.getEncoder().encodeToString(raw);
                    bytes = false;
                }
                case "utf16le", "wide", "utf16be", "utf16" -> {
                    byte[] raw =
                            s.getBytes(t.equals("utf16be") ? StandardCharsets.UTF_16BE : StandardCharsets.UTF_16LE);
                    s = (t.equals("utf16") ? "\u00ff\u00fe" : "") + new String(raw, StandardCharsets.ISO_8859_1);
                    bytes = true;
                }
                default -> {}
            }
        }
        if (spec.field() == null && !m.hasPosition()) {
            s = noise(5) + s + noise(5);
        }
        // Near misses: text where the modifiers allow none, a changed character.
        if (rnd.nextInt(7) == 0) {
            s = NOISE.charAt(rnd.nextInt(NOISE.length())) + s;
        }
        if (rnd.nextInt(7) == 0) {
            s = s + NOISE.charAt(rnd.nextInt(NOISE.length()));
        }
        if (rnd.nextInt(12) == 0 && !s.isEmpty()) {
            int i = rnd.nextInt(s.length());
            s = s.substring(0, i) + NOISE.charAt(rnd.nextInt(NOISE.length())) + s.substring(i + 1);
        }
        return s;
    }

    private String fromWildcards(String pattern) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length() && "*?\\".indexOf(pattern.charAt(i + 1)) >= 0) {
                sb.append(pattern.charAt(++i));
            } else if (c == '*') {
                sb.append(noise(rnd.nextInt(4)));
            } else if (c == '?') {
                int n = rnd.nextInt(8) == 0 ? rnd.nextInt(2) * 2 : 1; // usually one character, else 0 or 2
                for (int k = 0; k < n; k++) {
                    sb.append(NOISE.charAt(rnd.nextInt(NOISE.length())));
                }
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Crude: the regex with its metacharacters dropped; often, not always, a match. */
    private String fromRegex(String re) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < re.length(); i++) {
            char c = re.charAt(i);
            if (c == '\\' && i + 1 < re.length()) {
                char n = re.charAt(++i);
                sb.append(Character.isLetter(n) ? noise(1) : String.valueOf(n));
            } else if ("^$()[]{}|*+?.".indexOf(c) < 0) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private String windash(String s) {
        StringBuilder sb = new StringBuilder(s);
        for (int i = 0; i < sb.length(); i++) {
            if ((sb.charAt(i) == '-' || sb.charAt(i) == '/') && rnd.nextInt(3) > 0) {
                sb.setCharAt(i, ReferencePattern.DASHES.charAt(rnd.nextInt(ReferencePattern.DASHES.length())));
            }
        }
        return sb.toString();
    }

    private Object address(String network) {
        int slash = network.indexOf('/');
        byte[] net = ReferenceIp.parse(slash < 0 ? network : network.substring(0, slash));
        if (net == null || rnd.nextInt(5) == 0) {
            return rnd.nextBoolean()
                    ? "10." + rnd.nextInt(256) + ".0.1"
                    : "fe80::" + Integer.toHexString(rnd.nextInt(65536));
        }
        int prefix = slash < 0
                ? net.length * 8
                : Integer.parseInt(network.substring(slash + 1).trim());
        byte[] ip = net.clone();
        for (int bit = Math.max(0, prefix - (rnd.nextInt(4) == 0 ? 2 : 0)); bit < ip.length * 8; bit++) {
            if (rnd.nextBoolean()) {
                ip[bit / 8] ^= (byte) (0x80 >>> (bit % 8));
            }
        }
        String text = ReferenceIp.format(ip);
        return ip.length == 4 && rnd.nextInt(6) == 0 ? "::ffff:" + text : text;
    }

    private Object number(String bound) {
        long b;
        try {
            b = Math.round(Double.parseDouble(bound));
        } catch (NumberFormatException e) {
            b = 0;
        }
        long n = b + rnd.nextInt(5) - 2;
        return switch (rnd.nextInt(5)) {
            case 0 -> Long.toString(n);
            case 1 -> "0x" + Long.toHexString(n);
            case 2 -> (double) n + (rnd.nextBoolean() ? 0.5 : 0);
            case 3 -> noise(3);
            default -> n;
        };
    }

    private Object timestamp() {
        String t = String.format(
                "2024-%02d-%02dT%02d:%02d:%02d",
                1 + rnd.nextInt(12), 1 + rnd.nextInt(28), 12 + rnd.nextInt(4), 28 + rnd.nextInt(4), rnd.nextInt(60));
        return switch (rnd.nextInt(6)) {
            case 0 -> t.replace('T', ' ') + ".123";
            case 1 -> t + "Z";
            case 2 -> t + "+02:00";
            case 3 -> t + ".5";
            case 4 -> noise(4);
            default -> t;
        };
    }

    private String maybeCase(String s) {
        return rnd.nextBoolean() ? s : shuffleCase(s);
    }

    private String shuffleCase(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(rnd.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c));
        }
        return sb.toString();
    }

    private String noise(int max) {
        int n = max <= 0 ? 0 : rnd.nextInt(max + 1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(NOISE.charAt(rnd.nextInt(NOISE.length())));
        }
        return sb.toString();
    }
}
