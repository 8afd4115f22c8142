/* jalloc.h - per-document memory for jansson values: one arena, freed in one step */
#ifndef EX_JALLOC_H
#define EX_JALLOC_H

/* Between ex_jalloc_begin() and ex_jalloc_end() every jansson allocation comes from one arena
 * and jansson's frees of it cost nothing; ex_jalloc_end() drops it all, so values made inside
 * the scope need no json_decref (walking them would only cost time) and must not be used
 * after its end. Outside a scope jansson uses malloc/free as
 * before (values made before the first scope may be freed inside one, and the reverse).
 * jansson's allocator is process-wide: use scopes only while no other thread uses jansson
 * (the `dondoc extract` command, not the web server). */
void ex_jalloc_begin(void);
void ex_jalloc_end(void);
/* Give the arena's memory back (at the end of the command). */
void ex_jalloc_release(void);

#endif
