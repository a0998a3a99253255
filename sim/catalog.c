/* The search benchmark's catalogue: product names made of a base word, a
 * variety, a flavour or grade, a place and a size, as village sellers write
 * them ("Keripik singkong balado khas Garut 250g"). Product i of a seed is
 * always the same; no two indexes give the same name. */
#include <stdio.h>
#include <string.h>

#include "sim/catalog.h"

enum kind { K_SNACK, K_FRESH, K_STAPLE, K_DRINK, K_CUP, K_FOOD, K_CRAFT,
	K_NKINDS };

#define QUALS	10
#define SIZES	4
#define STYLES	3
#define TOWNS	50
#define VAR_MAX	10
#define VAR_MIN	6

struct base {
	enum kind	 kind;
	const char	*name;
	int		 price_rb;	/* the smallest size */
	const char	*var[VAR_MAX + 1];
};

static const char *const quals[K_NKINDS][QUALS] = {
	[K_SNACK] = { "original", "balado", "pedas", "pedas manis", "manis",
	    "asin", "keju", "bawang", "jagung bakar", "rumput laut" },
	[K_FRESH] = { "segar", "panen baru", "super", "kualitas A", "pilihan",
	    "organik", "lokal", "besar", "sedang", "kecil" },
	[K_STAPLE] = { "premium", "super", "medium", "organik",
	    "kualitas ekspor", "pilihan", "grade A", "murni", "curah",
	    "kemasan" },
	[K_DRINK] = { "murni", "asli", "premium", "tanpa gula", "original",
	    "spesial", "pilihan", "kemasan botol", "kemasan sachet",
	    "grade 1" },
	[K_CUP] = { "original", "durian", "cokelat", "nangka", "alpukat",
	    "kacang hijau", "stroberi", "pandan", "mangga", "susu" },
	[K_FOOD] = { "original", "pedas", "ekstra pedas", "manis", "homemade",
	    "tanpa pengawet", "frozen", "siap saji", "rumahan", "spesial" },
	[K_CRAFT] = { "merah", "biru", "coklat", "hitam", "hijau",
	    "motif bunga", "motif parang", "motif kawung", "klasik",
	    "modern" },
};

/* Sizes and their price factor in tenths of the smallest one's price. */
static const struct {
	const char	*name[SIZES];
	int		 tenths[SIZES];
} sizes[K_NKINDS] = {
	[K_SNACK] = { { "100g", "250g", "500g", "1kg" }, { 10, 20, 38, 70 } },
	[K_FRESH] = { { "250g", "500g", "1kg", "5kg" }, { 10, 19, 36, 170 } },
	[K_STAPLE] = { { "1kg", "2kg", "5kg", "10kg" }, { 10, 20, 48, 95 } },
	[K_DRINK] = { { "100g", "250g", "500g", "1kg" }, { 10, 22, 42, 80 } },
	[K_CUP] = { { "cup kecil", "cup besar", "botol 1L", "per bungkus" },
	    { 10, 17, 50, 8 } },
	[K_FOOD] = { { "100g", "250g", "500g", "1kg" }, { 10, 22, 42, 80 } },
	[K_CRAFT] = { { "kecil", "sedang", "besar", "jumbo" },
	    { 10, 15, 22, 35 } },
};

static const struct base bases[] = {
	{ K_SNACK, "Keripik", 8, { "singkong", "pisang", "tempe", "kentang",
	    "talas", "ubi ungu", "sukun", "nangka", "bayam", "gadung" } },
	{ K_SNACK, "Kerupuk", 7, { "udang", "ikan", "kulit", "puli", "rambak",
	    "jengkol", "tenggiri", "gendar", "mlarat", "pasir" } },
	{ K_SNACK, "Emping", 10, { "melinjo", "melinjo tipis", "jagung",
	    "singkong", "beras ketan", "garut" } },
	{ K_SNACK, "Rengginang", 7, { "ketan", "ketan hitam", "terasi",
	    "udang", "lorjuk", "singkong" } },
	{ K_SNACK, "Dodol", 10, { "durian", "ketan", "nanas", "sirsak", "susu",
	    "rumput laut", "wijen", "kacang" } },
	{ K_SNACK, "Peyek", 8, { "kacang", "teri", "udang rebon",
	    "kacang hijau", "kedelai", "bayam" } },
	{ K_SNACK, "Kacang", 10, { "tanah sangrai", "bawang", "atom", "mete",
	    "koro", "hijau kupas", "telur", "oven" } },
	{ K_SNACK, "Kue", 12, { "bawang", "semprit", "kastengel", "nastar",
	    "lidah kucing", "putri salju", "kacang", "sagu", "keciput",
	    "satu" } },
	{ K_SNACK, "Jenang", 9, { "kudus", "ketan", "durian", "waluh",
	    "kelapa", "mutiara" } },
	{ K_FRESH, "Telur", 7, { "ayam kampung", "ayam negeri", "bebek",
	    "puyuh", "asin", "omega", "ayam arab" } },
	{ K_FRESH, "Cabai", 12, { "merah keriting", "merah besar",
	    "rawit merah", "rawit hijau", "rawit setan", "hijau besar" } },
	{ K_FRESH, "Cabe", 12, { "rawit", "keriting", "merah", "hijau",
	    "setan", "domba" } },
	{ K_FRESH, "Bawang", 9, { "merah", "putih", "bombay", "daun",
	    "merah brebes", "putih kating", "lanang", "prei" } },
	{ K_FRESH, "Tomat", 4, { "merah", "sayur", "buah", "cherry", "hijau",
	    "apel" } },
	{ K_FRESH, "Jahe", 8, { "merah", "emprit", "gajah", "putih", "kering",
	    "bubuk" } },
	{ K_FRESH, "Pisang", 5, { "raja", "kepok", "ambon", "tanduk", "mas",
	    "susu", "barangan", "nangka" } },
	{ K_STAPLE, "Beras", 14, { "pandan wangi", "rojolele", "mentik wangi",
	    "merah", "hitam", "IR64", "ketan putih", "ketan hitam",
	    "cianjur", "setra ramos" } },
	{ K_STAPLE, "Gula", 20, { "aren cetak", "aren semut", "aren cair",
	    "aren batok", "jawa", "kelapa", "merah", "batu", "semut",
	    "tebu" } },
	{ K_STAPLE, "Tepung", 10, { "beras", "ketan", "tapioka", "mocaf",
	    "terigu", "sagu", "maizena", "singkong" } },
	{ K_STAPLE, "Kedelai", 12, { "lokal", "kuning", "hitam", "impor",
	    "hijau", "edamame" } },
	{ K_STAPLE, "Jagung", 8, { "pipil", "manis", "kering", "giling",
	    "putih", "ketan" } },
	{ K_DRINK, "Kopi", 20, { "bubuk", "robusta", "arabika", "luwak",
	    "biji sangrai", "tubruk", "lanang", "rempah", "excelsa",
	    "liberika" } },
	{ K_DRINK, "Teh", 8, { "hitam", "hijau", "melati", "tubruk", "celup",
	    "daun kelor", "rosella", "serai" } },
	{ K_DRINK, "Jamu", 10, { "kunyit asam", "beras kencur", "temulawak",
	    "sirih", "jahe merah", "pahitan", "cabe puyang",
	    "galian singset" } },
	{ K_DRINK, "Madu", 40, { "hutan", "kelengkeng", "randu", "klanceng",
	    "hitam pahit", "multiflora", "akasia", "rambutan" } },
	{ K_DRINK, "Sirup", 12, { "jeruk nipis", "markisa", "melon",
	    "cocopandan", "jahe", "kawis", "gula aren" } },
	{ K_CUP, "Es", 3, { "dawet", "lilin", "puter", "campur", "teler",
	    "kelapa muda", "cincau", "buah", "kopi susu", "teh manis" } },
	{ K_FOOD, "Sambal", 10, { "bawang", "terasi", "roa", "cumi", "teri",
	    "ijo", "bajak", "matah", "tempe", "pecel" } },
	{ K_FOOD, "Tempe", 3, { "kedelai", "bungkus daun", "mendoan",
	    "gembus", "benguk", "kacang merah" } },
	{ K_FOOD, "Tahu", 5, { "putih", "kuning", "sumedang", "bakso", "pong",
	    "susu", "walik", "goreng" } },
	{ K_FOOD, "Abon", 25, { "sapi", "ayam", "ikan tuna", "lele", "jamur",
	    "tongkol" } },
	{ K_FOOD, "Bakso", 20, { "sapi", "ayam", "ikan", "urat", "jamur",
	    "udang" } },
	{ K_FOOD, "Ikan asin", 15, { "teri medan", "jambal roti", "peda",
	    "gabus", "tenggiri", "sepat", "cumi" } },
	{ K_FOOD, "Terasi", 8, { "udang", "rebon", "bakar", "bangka",
	    "sidoarjo", "ikan" } },
	{ K_FOOD, "Kecap", 10, { "manis", "asin", "ikan", "kedelai hitam",
	    "jamur", "cap lokal" } },
	{ K_CRAFT, "Batik", 150, { "tulis", "cap", "kombinasi", "pekalongan",
	    "lasem", "solo", "madura", "cirebon" } },
	{ K_CRAFT, "Kain tenun", 200, { "ikat", "songket", "lurik", "troso",
	    "endek", "ulos" } },
	{ K_CRAFT, "Anyaman", 35, { "bambu", "pandan", "rotan", "mendong",
	    "lidi", "eceng gondok" } },
	{ K_CRAFT, "Gerabah", 25, { "kendi", "pot bunga", "cobek", "celengan",
	    "guci", "tungku", "wajan tanah", "anglo" } },
	{ K_CRAFT, "Tas", 60, { "rajut", "anyaman", "pandan", "enceng gondok",
	    "kulit", "batik" } },
	{ K_CRAFT, "Topi", 30, { "bambu", "pandan", "caping", "anyaman",
	    "rajut", "koboi" } },
	{ K_CRAFT, "Tikar", 50, { "pandan", "mendong", "bambu", "purun",
	    "plastik", "lipat" } },
	{ K_CRAFT, "Sapu", 15, { "ijuk", "lidi", "glagah", "sabut", "bambu",
	    "rayung" } },
};
#define NBASES	(sizeof(bases) / sizeof(bases[0]))

static const char *const styles[STYLES] = { "", "khas ", "asli " };

static const char *const towns[TOWNS] = {
	"Garut", "Kudus", "Temanggung", "Wonosobo", "Banyumas", "Purbalingga",
	"Kebumen", "Magelang", "Klaten", "Boyolali", "Sragen", "Pati",
	"Jepara", "Demak", "Brebes", "Tegal", "Pekalongan", "Batang", "Kendal",
	"Semarang", "Salatiga", "Solo", "Sukoharjo", "Wonogiri", "Karanganyar",
	"Blora", "Rembang", "Grobogan", "Cilacap", "Banjarnegara", "Purworejo",
	"Jogja", "Bantul", "Sleman", "Kulonprogo", "Gunungkidul", "Malang",
	"Blitar", "Kediri", "Madiun", "Ponorogo", "Lamongan", "Bandung",
	"Cianjur", "Sumedang", "Tasikmalaya", "Cirebon", "Kuningan", "Toraja",
	"Gayo",
};

/* Villages: Javanese names are mostly a root and an ending (Karangrejo,
 * Sidomulyo, Wonosari); 14 x 15 of them. */
static const char *const v_root[] = {
	"Karang", "Sido", "Suka", "Tegal", "Wono", "Banjar", "Kali", "Sumber",
	"Ngadi", "Purwo", "Margo", "Jati", "Mojo", "Tanjung",
};
static const char *const v_end[] = {
	"rejo", "sari", "mulyo", "harjo", "agung", "makmur", "jaya", "asri",
	"wetan", "kulon", "kidul", "lor", "anyar", "kerto", "utomo",
};

static const char *const shop_kind[] = {
	"Toko", "Warung", "UD", "Dapur", "Kedai", "Lapak", "Griya", "Omah",
};
static const char *const shop_name[] = {
	"Sri", "Ani", "Budi", "Sari", "Wati", "Joko", "Slamet", "Yanti",
	"Rahayu", "Lestari", "Makmur", "Barokah", "Berkah", "Sejahtera",
	"Mandiri", "Jaya", "Maju", "Sumber Rejeki", "Bu Tini", "Pak Karso",
	"Mbok Darmi", "Mas Agus", "Dewi", "Putri", "Nur", "Siti", "Bu Har",
	"Pak Min", "Tani Mulya", "Keluarga",
};

/* As buyers type them: single and two words, a short one, and the
 * misspellings the search must forgive (kripik, krupuk, telor, bawng,
 * sambel, renginang, bubk, aern). Every one finds products of its base
 * word in a catalogue of a few hundred products. */
static const char *const queries[] = {
	"kripik", "keripik singkong", "krupuk", "kerupuk udang", "telor",
	"telur asin", "cabe", "cabai rawit", "bawang merah", "bawng putih",
	"gula aren", "gula aern", "kopi bubk", "kopi robusta", "teh", "es",
	"beras", "madu", "sambel", "tempe", "tahu", "emping", "renginang",
	"dodol", "jamu kunyit", "batik tulis", "kain tenun", "anyaman",
	"gerabah",
};

#define ELEMS(a)	(sizeof(a) / sizeof((a)[0]))

uint64_t
catalog_hash(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

static size_t
nvar(const struct base *b)
{
	size_t	n = 0;

	while (n < VAR_MAX && b->var[n] != NULL)
		n++;
	return n > 0 ? n : 1;
}

/* How many names base b can make. */
static uint64_t
span(const struct base *b)
{
	return (uint64_t)nvar(b) * QUALS * SIZES * STYLES * TOWNS;
}

static uint64_t
gcd(uint64_t a, uint64_t b)
{
	while (b != 0) {
		uint64_t	t = a % b;

		a = b;
		b = t;
	}
	return a;
}

uint64_t
catalog_capacity(void)
{
	return NBASES * (uint64_t)VAR_MIN * QUALS * SIZES * STYLES * TOWNS;
}

void
catalog_init(struct catalog *c, uint64_t seed)
{
	size_t	b;

	_Static_assert(NBASES <= sizeof(c->mult) / sizeof(c->mult[0]),
	    "struct catalog holds one permutation per base");
	memset(c, 0, sizeof(*c));
	c->seed = seed;
	for (b = 0; b < NBASES; b++) {
		uint64_t	r = span(&bases[b]);

		c->mult[b] = (catalog_hash(seed * 131 + b) % r) | 1;
		while (gcd(c->mult[b], r) != 1)
			c->mult[b] += 2;
		c->add[b] = catalog_hash(seed * 137 + b + 7) % r;
	}
}

void
catalog_product(const struct catalog *c, uint64_t i, char *name, size_t len,
    int *price_rb, int *stock)
{
	const struct base *bp = &bases[i % NBASES];
	size_t		b = i % NBASES, nv = nvar(bp);
	uint64_t	r = i / NBASES, sp = span(bp), k, h;
	size_t		v, q, z, pl;
	long		price;

	/* An affine map with a multiplier prime to the span is a permutation
	 * of the base's names: distinct r, distinct names. */
	k = sp > 0 ? (r % sp * c->mult[b] + c->add[b]) % sp : 0;
	v = k % nv;
	k /= nv;
	q = k % QUALS;
	k /= QUALS;
	z = k % SIZES;
	k /= SIZES;
	pl = k;				/* style * TOWNS + town */
	snprintf(name, len, "%s %s %s %s%s %s", bp->name, bp->var[v],
	    quals[bp->kind][q], styles[pl / TOWNS], towns[pl % TOWNS],
	    sizes[bp->kind].name[z]);
	h = catalog_hash(c->seed ^ (i * 0x2545f4914f6cdd1dULL));
	price = (long)bp->price_rb * sizes[bp->kind].tenths[z] *
	    (long)(85 + h % 31) / 1000;
	*price_rb = price < 1 ? 1 : (int)price;
	*stock = 1 + (int)((h >> 20) % 50);
}

void
catalog_shop(const struct catalog *c, uint64_t s, char *shop, size_t shoplen,
    char *village, size_t villagelen)
{
	uint64_t	h = catalog_hash(c->seed * 7919 ^ s);
	uint64_t	v = (h >> 24) % (ELEMS(v_root) * ELEMS(v_end));

	snprintf(shop, shoplen, "%s %s", shop_kind[h % ELEMS(shop_kind)],
	    shop_name[(h >> 8) % ELEMS(shop_name)]);
	snprintf(village, villagelen, "%s%s", v_root[v / ELEMS(v_end)],
	    v_end[v % ELEMS(v_end)]);
}

size_t
catalog_nqueries(void)
{
	return ELEMS(queries);
}

const char *
catalog_query(size_t i)
{
	return queries[i % ELEMS(queries)];
}
