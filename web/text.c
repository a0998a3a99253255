/* The one table of lapak-web's UI strings (text.h). */
#include "web/text.h"

static const char *const texts[WT_COUNT][2] = {
	[WT_LANG_CODE] =	{ "id", "en" },
	[WT_LANG_OTHER] =	{ "English", "Bahasa Indonesia" },
	[WT_SEARCH] =		{ "Cari", "Search" },
	[WT_SEARCH_LABEL] =	{ "Cari produk", "Search products" },
	[WT_SEARCH_HINT] =	{ "Tulis nama produk, misalnya: keripik. "
				  "Tempat: keripik di Winong.",
				  "Type a product's name, e.g. keripik. "
				  "A place: keripik in Winong." },
	[WT_RESULTS_FOR] =	{ "Hasil pencarian", "Search results" },
	[WT_NO_RESULTS] =	{ "Tidak ada produk yang cocok.",
				  "No product matches." },
	[WT_DISTRICTS] =	{ "Kecamatan", "Districts" },
	[WT_VILLAGES] =		{ "Desa", "Villages" },
	[WT_SHOPS] =		{ "Toko", "Shops" },
	[WT_PRODUCTS] =		{ "Produk", "Products" },
	[WT_PRODUCTS_COUNT] =	{ "produk", "products" },
	[WT_NO_SHOPS] =		{ "Belum ada toko di sini.",
				  "No shop here yet." },
	[WT_NO_PRODUCTS] =	{ "Belum ada produk.", "No products yet." },
	[WT_AVAILABLE] =	{ "Tersedia", "Available" },
	[WT_SOLD_OUT] =		{ "Habis", "Sold out" },
	[WT_STOCK] =		{ "stok", "stock" },
	[WT_HOW_TO_ORDER] =	{ "Cara pesan", "How to order" },
	[WT_SMS_TO] =		{ "ke", "to" },
	[WT_USSD_DIAL] =	{ "atau tekan", "or dial" },
	[WT_SHOP] =		{ "Toko", "Shop" },
	[WT_VILLAGE] =		{ "Desa", "Village" },
	[WT_NEXT] =		{ "Berikutnya", "Next" },
	[WT_HOME] =		{ "Beranda", "Home" },
	[WT_E400] =		{ "Permintaan tidak valid.", "Bad request." },
	[WT_E403] =		{ "Tidak diizinkan.", "Forbidden." },
	[WT_E404] =		{ "Halaman tidak ditemukan.",
				  "Page not found." },
	[WT_E405] =		{ "Metode tidak diizinkan.",
				  "Method not allowed." },
	[WT_E414] =		{ "Alamat terlalu panjang.",
				  "Address too long." },
	[WT_E500] =		{ "Terjadi kesalahan. Coba lagi nanti.",
				  "Something went wrong. Try again later." },
	[WT_E503] =		{ "Sedang sibuk. Coba lagi sebentar.",
				  "Busy. Try again in a moment." },
};

const char *
web_text(enum web_text id, bool en)
{
	const char	*s;

	if ((unsigned)id >= WT_COUNT)
		return "";
	s = texts[id][en ? 1 : 0];
	return s != 0 ? s : texts[id][0] != 0 ? texts[id][0] : "";
}
