package io.vigil.evtx.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a binary XML token stream (MS-EVEN6 as documented by libyal's EVTX notes) into {@link Element}
 * trees. Elements nest with an explicit stack, so hostile nesting cannot overflow the Java stack;
 * recursion happens only through template definitions and embedded binary XML, each one level of
 * {@link io.vigil.evtx.EvtxLimits#maxNestingDepth()}.
 */
final class BinXmlParser {
    private static final int EOF = 0x00;
    private static final int OPEN_START = 0x01;
    private static final int CLOSE_START = 0x02;
    private static final int CLOSE_EMPTY = 0x03;
    private static final int END_ELEMENT = 0x04;
    private static final int VALUE = 0x05;
    private static final int ATTRIBUTE = 0x06;
    private static final int CDATA = 0x07;
    private static final int CHAR_REF = 0x08;
    private static final int ENTITY_REF = 0x09;
    private static final int PI_TARGET = 0x0a;
    private static final int PI_DATA = 0x0b;
    private static final int TEMPLATE_INSTANCE = 0x0c;
    private static final int NORMAL_SUBSTITUTION = 0x0d;
    private static final int OPTIONAL_SUBSTITUTION = 0x0e;
    private static final int FRAGMENT_HEADER = 0x0f;
    /** Set on some tokens: more data follows in the same element or attribute. */
    private static final int MORE = 0x40;

    private final ChunkContext ctx;

    BinXmlParser(ChunkContext ctx) {
        this.ctx = ctx;
    }

    /**
     * The top-level elements and template instances in {@code data[start, end)}. Element starts carry
     * a dependency identifier inside template definitions only (as written by Windows; MS-EVEN6 omits
     * it in embedded binary XML).
     */
    List<Object> parse(int start, int end, boolean dependencyIds, int depth) {
        if (depth > ctx.limits.maxNestingDepth()) {
            throw EvtxFormatException.limit("binary XML nested deeper than " + ctx.limits.maxNestingDepth());
        }
        Cursor c = new Cursor(ctx.data, start, end);
        List<Object> roots = new ArrayList<>(1);
        ArrayDeque<Element> open = new ArrayDeque<>();
        boolean inStartTag = false;
        Attribute attribute = null;
        String piTarget = null;
        while (c.hasRemaining()) {
            int token = c.u8();
            int base = token & ~MORE;
            if (token != base && !continues(base)) {
                throw invalid(token, c);
            }
            switch (base) {
                case EOF:
                    requireClosed(open);
                    return roots;
                case FRAGMENT_HEADER:
                    c.skip(3);
                    break;
                case TEMPLATE_INSTANCE:
                    if (inStartTag) {
                        throw invalid(token, c);
                    }
                    attach(instance(c, depth), open, roots);
                    break;
                case OPEN_START:
                    if (inStartTag) {
                        throw invalid(token, c);
                    }
                    if (open.size() + depth >= ctx.limits.maxNestingDepth()) {
                        throw EvtxFormatException.limit("elements nested deeper than " + ctx.limits.maxNestingDepth());
                    }
                    open.push(openElement(c, token == (OPEN_START | MORE), dependencyIds));
                    inStartTag = true;
                    attribute = null;
                    break;
                case CLOSE_START:
                    if (!inStartTag) {
                        throw invalid(token, c);
                    }
                    inStartTag = false;
                    break;
                case CLOSE_EMPTY:
                case END_ELEMENT:
                    if (open.isEmpty() || inStartTag != (base == CLOSE_EMPTY)) {
                        throw invalid(token, c);
                    }
                    inStartTag = false;
                    Element closed = open.pop();
                    closed.seal();
                    attach(closed, open, roots);
                    break;
                case ATTRIBUTE:
                    if (!inStartTag) {
                        throw invalid(token, c);
                    }
                    attribute = new Attribute(name(c), 1);
                    open.peek().attributes.add(attribute);
                    break;
                case VALUE:
                    content(value(c), inStartTag, attribute, open, token, c);
                    break;
                case CDATA:
                    content(text(c), inStartTag, attribute, open, token, c);
                    break;
                case CHAR_REF:
                    content(charRef(c.u16()), inStartTag, attribute, open, token, c);
                    break;
                case ENTITY_REF:
                    content(entity(name(c)), inStartTag, attribute, open, token, c);
                    break;
                case PI_TARGET:
                    piTarget = name(c);
                    break;
                case PI_DATA:
                    String data = text(c);
                    if (!open.isEmpty() && !inStartTag) {
                        open.peek().addChild(new ProcessingInstruction(piTarget == null ? "" : piTarget, data));
                    }
                    piTarget = null;
                    break;
                case NORMAL_SUBSTITUTION:
                case OPTIONAL_SUBSTITUTION:
                    Substitution s = new Substitution(c.u16(), c.u8(), base == OPTIONAL_SUBSTITUTION);
                    content(s, inStartTag, attribute, open, token, c);
                    break;
                default:
                    throw invalid(token, c);
            }
        }
        requireClosed(open);
        return roots;
    }

    private static boolean continues(int base) {
        return base == OPEN_START
                || base == VALUE
                || base == ATTRIBUTE
                || base == CDATA
                || base == CHAR_REF
                || base == ENTITY_REF;
    }

    private Element openElement(Cursor c, boolean hasAttributes, boolean dependencyIds) {
        if (dependencyIds) {
            c.skip(2);
        }
        c.skip(4); // data size: the tokens themselves delimit the element
        String name = name(c);
        if (hasAttributes) {
            c.skip(4); // attribute list size
        }
        return new Element(name, hasAttributes ? 4 : 0, 2);
    }

    /**
     * A name reference: a chunk offset, followed by the name itself when it is stored right here
     * (the first use in the chunk), which must then be skipped.
     */
    private String name(Cursor c) {
        long offset = c.u32();
        if (offset == c.position()) {
            c.skip(6);
            int chars = c.u16();
            c.skip(2L * chars + 2);
        }
        if (offset >= ctx.data.length) {
            throw EvtxFormatException.malformed("name offset 0x" + Long.toHexString(offset) + " outside chunk");
        }
        return ctx.name((int) offset);
    }

    private String text(Cursor c) {
        int chars = c.u16();
        if (chars > ctx.limits.maxStringChars()) {
            throw EvtxFormatException.limit("text of " + chars + " characters");
        }
        return c.utf16(chars);
    }

    private Object value(Cursor c) {
        int type = c.u8();
        if (type == ValueDecoder.STRING) {
            return text(c);
        }
        int width = ValueDecoder.width(type);
        if (width < 0) {
            throw EvtxFormatException.malformed("value token of type 0x" + Integer.toHexString(type));
        }
        int off = c.position();
        c.skip(width);
        return ValueDecoder.scalar(type, ctx.data, off);
    }

    private TemplateInstance instance(Cursor c, int depth) {
        c.skip(5); // version byte, template identifier
        long definition = c.u32();
        if (definition == c.position()) {
            // The definition is stored inline on first use: link, GUID, size, then its data.
            c.skip(20);
            c.skip(c.u32());
        }
        if (definition >= ctx.data.length) {
            throw EvtxFormatException.malformed("template offset 0x" + Long.toHexString(definition) + " outside chunk");
        }
        Element template = ctx.template((int) definition, this, depth);
        long count = c.u32();
        if (count * 4 > c.remaining()) {
            throw EvtxFormatException.malformed("template instance claims " + count + " values");
        }
        int n = (int) count;
        int[] sizes = new int[n];
        int[] types = new int[n];
        for (int i = 0; i < n; i++) {
            sizes[i] = c.u16();
            types[i] = c.u8();
            c.skip(1);
        }
        Object[] values = new Object[n];
        for (int i = 0; i < n; i++) {
            int off = c.position();
            c.skip(sizes[i]);
            values[i] = ValueDecoder.decode(ctx, this, types[i], off, sizes[i], depth);
        }
        return new TemplateInstance(template, values);
    }

    private static void content(
            Object node, boolean inStartTag, Attribute attribute, ArrayDeque<Element> open, int token, Cursor c) {
        if (inStartTag) {
            if (attribute == null) {
                throw invalid(token, c);
            }
            attribute.value.add(node);
        } else if (!open.isEmpty()) {
            open.peek().addChild(node);
        }
        // Text between top-level fragments belongs to no element; Windows drops it too.
    }

    private static void attach(Object node, ArrayDeque<Element> open, List<Object> roots) {
        if (open.isEmpty()) {
            roots.add(node);
        } else {
            open.peek().addChild(node);
        }
    }

    private static void requireClosed(ArrayDeque<Element> open) {
        if (!open.isEmpty()) {
            throw EvtxFormatException.malformed("element <" + open.peek().name + "> not closed");
        }
    }

    /** A character reference; a lone surrogate cannot stand as text and becomes U+FFFD. */
    private static String charRef(int value) {
        return String.valueOf(Character.isSurrogate((char) value) ? '\ufffd' : (char) value);
    }

    /** The five predefined XML entities resolve; any other stays a reference, as evtx_dump writes it. */
    private static String entity(String name) {
        switch (name) {
            case "lt":
                return "<";
            case "gt":
                return ">";
            case "amp":
                return "&";
            case "quot":
                return "\"";
            case "apos":
                return "'";
            default:
                return "&" + name + ";";
        }
    }

    private static EvtxFormatException invalid(int token, Cursor c) {
        return EvtxFormatException.malformed(
                "unexpected token 0x" + Integer.toHexString(token) + " at 0x" + Integer.toHexString(c.position() - 1));
    }
}
