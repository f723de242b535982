/**
 * Public-domain films (facts only: titles, years, runtimes, casts, genres, TMDB ids).
 * Overviews and taglines are our own words.
 */
export interface Film {
  id: number;
  title: string;
  date: string;
  runtime: number;
  language: string;
  genres: number[];
  rating: number;
  tagline: string;
  overview: string;
  cast: [name: string, character: string][];
}

export const genreNames: Record<number, string> = {
  12: "Adventure", 14: "Fantasy", 18: "Drama", 27: "Horror", 35: "Comedy", 37: "Western",
  53: "Thriller", 80: "Crime", 878: "Science Fiction", 9648: "Mystery", 10749: "Romance",
  10751: "Family", 10752: "War", 36: "History", 28: "Action",
};

export const films: Film[] = [
  { id: 653, title: "Nosferatu", date: "1922-03-04", runtime: 94, language: "de", genres: [27, 14], rating: 7.7,
    tagline: "A symphony of horror.",
    overview: "An estate agent travels to the Carpathians to sell a house to the reclusive Count Orlok, and brings a plague home with him.",
    cast: [["Max Schreck", "Count Orlok"], ["Gustav von Wangenheim", "Hutter"], ["Greta Schröder", "Ellen"], ["Alexander Granach", "Knock"]] },
  { id: 19, title: "Metropolis", date: "1927-01-10", runtime: 149, language: "de", genres: [18, 878], rating: 8.1,
    tagline: "The mediator between head and hands must be the heart.",
    overview: "In a towering city split between thinkers above and workers below, the son of its master falls for a teacher from the depths, and a machine wearing her face sets the city on fire.",
    cast: [["Brigitte Helm", "Maria"], ["Gustav Fröhlich", "Freder"], ["Alfred Abel", "Joh Fredersen"], ["Rudolf Klein-Rogge", "Rotwang"]] },
  { id: 234, title: "The Cabinet of Dr. Caligari", date: "1920-02-27", runtime: 77, language: "de", genres: [27, 9648, 53], rating: 7.9,
    tagline: "You must become Caligari.",
    overview: "A fairground hypnotist and his sleepwalking servant arrive in a crooked mountain town, and the murders begin the same night.",
    cast: [["Werner Krauss", "Dr. Caligari"], ["Conrad Veidt", "Cesare"], ["Friedrich Feher", "Francis"], ["Lil Dagover", "Jane"]] },
  { id: 775, title: "A Trip to the Moon", date: "1902-09-01", runtime: 14, language: "fr", genres: [12, 14, 878], rating: 7.9,
    tagline: "The first voyage to the Moon, by cannon.",
    overview: "A congress of astronomers fires itself to the Moon in a shell, lands in the eye of the Man in the Moon and meets its hopping inhabitants.",
    cast: [["Georges Méliès", "Professor Barbenfouillis"], ["Bleuette Bernon", "Phoebe"], ["Jeanne d'Alcy", "Secretary"]] },
  { id: 961, title: "The General", date: "1926-12-31", runtime: 79, language: "en", genres: [28, 12, 35, 10752], rating: 8.0,
    tagline: "A locomotive chase across the lines.",
    overview: "A Southern engineer turned down by the army chases the spies who stole his beloved locomotive, and his fiancée with it, deep behind enemy lines.",
    cast: [["Buster Keaton", "Johnnie Gray"], ["Marion Mack", "Annabelle Lee"], ["Glen Cavender", "Captain Anderson"]] },
  { id: 962, title: "The Gold Rush", date: "1925-06-26", runtime: 95, language: "en", genres: [12, 35, 18], rating: 7.8,
    tagline: "A dramatic comedy of the Klondike.",
    overview: "A lone prospector braves blizzards, starvation and a hungry cabin-mate in the Yukon while trying to win the heart of a dance-hall girl.",
    cast: [["Charlie Chaplin", "The Lone Prospector"], ["Georgia Hale", "Georgia"], ["Mack Swain", "Big Jim McKay"]] },
  { id: 992, title: "Sherlock Jr.", date: "1924-04-21", runtime: 45, language: "en", genres: [35, 28, 9648], rating: 7.9,
    tagline: "A projectionist dreams his way into the picture.",
    overview: "Framed for a theft, a cinema projectionist who wants to be a detective falls asleep at work and walks straight into the film on the screen.",
    cast: [["Buster Keaton", "Projectionist"], ["Kathryn McGuire", "The Girl"], ["Joe Keaton", "The Girl's Father"]] },
  { id: 643, title: "Battleship Potemkin", date: "1925-12-24", runtime: 75, language: "ru", genres: [18, 36, 10752], rating: 7.7,
    tagline: "Sailors rise, and a city rises with them.",
    overview: "Sailors on a battleship mutiny over rotten rations, and the people of Odessa who gather to mourn them meet the soldiers on the steps.",
    cast: [["Aleksandr Antonov", "Vakulinchuk"], ["Vladimir Barsky", "Commander Golikov"], ["Grigori Aleksandrov", "Chief Officer Giliarovsky"]] },
  { id: 10331, title: "Night of the Living Dead", date: "1968-10-01", runtime: 96, language: "en", genres: [27, 53], rating: 7.5,
    tagline: "They won't stay dead.",
    overview: "Strangers barricade themselves in a farmhouse as the recently dead walk the Pennsylvania countryside, and the night tests them more than the dead do.",
    cast: [["Duane Jones", "Ben"], ["Judith O'Dea", "Barbra"], ["Karl Hardman", "Harry Cooper"], ["Marilyn Eastman", "Helen Cooper"]] },
  { id: 3085, title: "His Girl Friday", date: "1940-01-18", runtime: 92, language: "en", genres: [35, 10749], rating: 7.7,
    tagline: "One more story before the wedding.",
    overview: "A newspaper editor uses every trick in the book to keep his star reporter, who is also his ex-wife, from marrying and quitting the business.",
    cast: [["Cary Grant", "Walter Burns"], ["Rosalind Russell", "Hildy Johnson"], ["Ralph Bellamy", "Bruce Baldwin"]] },
  { id: 4808, title: "Charade", date: "1963-12-05", runtime: 113, language: "en", genres: [9648, 35, 10749, 53], rating: 7.6,
    tagline: "Everyone wants the money, nobody tells the truth.",
    overview: "A widow in Paris finds her late husband's fortune missing and several dangerous men, plus one charming one, very interested in where it went.",
    cast: [["Cary Grant", "Peter Joshua"], ["Audrey Hepburn", "Regina Lampert"], ["Walter Matthau", "Hamilton Bartholomew"], ["James Coburn", "Tex Panthollow"]] },
  { id: 964, title: "The Phantom of the Opera", date: "1925-09-06", runtime: 93, language: "en", genres: [27, 18], rating: 7.3,
    tagline: "Beneath the opera house, a masked genius waits.",
    overview: "A disfigured composer haunting the cellars of the Paris Opera schemes to make a young soprano the star of the house, and his own.",
    cast: [["Lon Chaney", "The Phantom"], ["Mary Philbin", "Christine Daaé"], ["Norman Kerry", "Raoul de Chagny"]] },
  { id: 10098, title: "The Kid", date: "1921-02-06", runtime: 68, language: "en", genres: [35, 18, 10751], rating: 8.1,
    tagline: "A picture with a smile, and perhaps a tear.",
    overview: "A tramp finds an abandoned baby in an alley and raises him, until the authorities and the boy's mother come looking.",
    cast: [["Charlie Chaplin", "A Tramp"], ["Jackie Coogan", "The Child"], ["Edna Purviance", "The Woman"]] },
  { id: 22596, title: "Safety Last!", date: "1923-04-01", runtime: 73, language: "en", genres: [35, 10749], rating: 7.9,
    tagline: "Twelve storeys up, and one clock to hold on to.",
    overview: "A shop clerk who has told his sweetheart he runs the store ends up climbing the outside of the building to win a publicity prize.",
    cast: [["Harold Lloyd", "The Boy"], ["Mildred Davis", "The Girl"], ["Bill Strother", "The Pal"]] },
  { id: 10513, title: "Plan 9 from Outer Space", date: "1957-07-22", runtime: 79, language: "en", genres: [27, 878], rating: 4.2,
    tagline: "Unspeakable horrors from outer space.",
    overview: "Aliens raise the dead of a California cemetery to stop humanity from building a doomsday weapon, with results best seen to be believed.",
    cast: [["Gregory Walcott", "Jeff Trent"], ["Mona McKinnon", "Paula Trent"], ["Tor Johnson", "Inspector Clay"], ["Vampira", "Vampire Girl"]] },
  { id: 20367, title: "Detour", date: "1945-11-30", runtime: 68, language: "en", genres: [80, 18, 53], rating: 7.1,
    tagline: "A hitchhike to the wrong side of fate.",
    overview: "A nightclub pianist hitchhiking to Los Angeles is left with a dead driver, his car and, soon, a passenger who knows too much.",
    cast: [["Tom Neal", "Al Roberts"], ["Ann Savage", "Vera"], ["Claudia Drake", "Sue Harvey"]] },
  { id: 24452, title: "The Little Shop of Horrors", date: "1960-09-14", runtime: 72, language: "en", genres: [35, 27], rating: 6.1,
    tagline: "The funniest picture this year about a plant that eats people.",
    overview: "A clumsy florist's assistant breeds a strange plant that brings customers in droves and develops an appetite for something other than water.",
    cast: [["Jonathan Haze", "Seymour Krelboin"], ["Jackie Joseph", "Audrey Fulquard"], ["Mel Welles", "Gravis Mushnik"], ["Jack Nicholson", "Wilbur Force"]] },
  { id: 16093, title: "Carnival of Souls", date: "1962-09-26", runtime: 78, language: "en", genres: [27, 9648], rating: 7.0,
    tagline: "Drawn back to the pavilion by the lake.",
    overview: "After surviving a car crash off a bridge, a church organist takes a job in a new town and is followed by a pale man and a deserted lakeside pavilion.",
    cast: [["Candace Hilligoss", "Mary Henry"], ["Frances Feist", "Mrs. Thomas"], ["Sidney Berger", "John Linden"]] },
  { id: 7983, title: "House on Haunted Hill", date: "1959-02-17", runtime: 75, language: "en", genres: [27, 9648], rating: 6.8,
    tagline: "Survive the night, collect the money.",
    overview: "An eccentric millionaire offers five strangers a fortune to spend one night locked in a house with a bloody past.",
    cast: [["Vincent Price", "Frederick Loren"], ["Carol Ohmart", "Annabelle Loren"], ["Richard Long", "Lance Schroeder"]] },
  { id: 21159, title: "The Last Man on Earth", date: "1964-03-08", runtime: 86, language: "en", genres: [27, 878, 18], rating: 6.8,
    tagline: "By day he hunts, by night they come for him.",
    overview: "The lone survivor of a plague spends his days hunting the infected and his nights barricaded against them, until he meets someone else.",
    cast: [["Vincent Price", "Robert Morgan"], ["Franca Bettoia", "Ruth Collins"], ["Giacomo Rossi Stuart", "Ben Cortman"]] },
  { id: 18995, title: "D.O.A.", date: "1949-12-30", runtime: 83, language: "en", genres: [80, 18, 53], rating: 7.1,
    tagline: "A man reports his own murder.",
    overview: "A notary on a weekend trip learns he has been poisoned and has only hours to find out who killed him, and why.",
    cast: [["Edmond O'Brien", "Frank Bigelow"], ["Pamela Britton", "Paula Gibson"], ["Luther Adler", "Majak"]] },
  { id: 5698, title: "The Great Train Robbery", date: "1903-12-01", runtime: 12, language: "en", genres: [37, 80, 28], rating: 6.6,
    tagline: "Bandits, a train and a posse.",
    overview: "Outlaws hold up a steam train, rob its passengers and ride off, with a posse from the town hard on their heels.",
    cast: [["Justus D. Barnes", "Bandit"], ["G.M. Anderson", "Bandit"], ["Walter Cameron", "Sheriff"]] },
];
