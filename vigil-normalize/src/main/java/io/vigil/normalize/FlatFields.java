package io.vigil.normalize;

/**
 * The fields of one flat record as read, in input order and with duplicates, before the mapping
 * places them: the scratch both readers of {@link DirectFlatMapper} fill. One per thread, reused
 * record after record, so that reading a record allocates no intermediate builder or hash table.
 * Single thread, single record at a time.
 */
final class FlatFields {
    private FlatFieldName[] names = new FlatFieldName[64];
    private Object[] values = new Object[64];
    private int size;

    /** Forgets the previous record. */
    void clear() {
        size = 0;
    }

    /** Appends a field as read; a duplicate name is appended too (the mapping keeps the last value). */
    void add(FlatFieldName name, Object value) {
        if (size == names.length) {
            names = java.util.Arrays.copyOf(names, size * 2);
            values = java.util.Arrays.copyOf(values, size * 2);
        }
        names[size] = name;
        values[size] = value;
        size++;
    }

    int size() {
        return size;
    }

    FlatFieldName nameAt(int i) {
        return names[i];
    }

    Object valueAt(int i) {
        return values[i];
    }

    /** The value at {@code i}, its slot cleared so that the scratch does not keep a record's bytes alive. */
    Object takeValueAt(int i) {
        Object v = values[i];
        values[i] = null;
        return v;
    }
}
