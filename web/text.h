/* lapak-web's words: one table of every UI string, Indonesian (the
 * default) and English. Pages never write a visible word themselves. */
#ifndef LAPAK_WEB_TEXT_H
#define LAPAK_WEB_TEXT_H
#include <stdbool.h>

enum web_text {
	WT_LANG_CODE,		/* "id" / "en": <html lang> */
	WT_LANG_OTHER,		/* the switch: "English" / "Bahasa Indonesia" */
	WT_SEARCH,		/* "Cari" */
	WT_SEARCH_LABEL,	/* the search box's label */
	WT_SEARCH_HINT,		/* empty query */
	WT_RESULTS_FOR,		/* "Hasil untuk" */
	WT_NO_RESULTS,
	WT_DISTRICTS,
	WT_VILLAGES,
	WT_SHOPS,
	WT_PRODUCTS,
	WT_PRODUCTS_COUNT,	/* "produk" after a number */
	WT_NO_SHOPS,
	WT_NO_PRODUCTS,
	WT_AVAILABLE,		/* "Tersedia" */
	WT_SOLD_OUT,		/* "Habis" */
	WT_STOCK,		/* "stok" */
	WT_HOW_TO_ORDER,	/* "Cara pesan" */
	WT_SMS_TO,		/* "ke" in "SMS BELI P17 ke 1234" */
	WT_USSD_DIAL,		/* "atau tekan" */
	WT_SHOP,
	WT_VILLAGE,
	WT_NEXT,		/* "Berikutnya" */
	WT_HOME,		/* breadcrumbs' start */
	WT_E400,
	WT_E403,
	WT_E404,
	WT_E405,
	WT_E414,
	WT_E500,
	WT_E503,
	WT_COUNT
};

/* The string id in English (en) or Indonesian; never NULL. */
const char	*web_text(enum web_text id, bool en);

#endif
